/**
 * Loads the configuration: defaults < bifrost.toml < environment < flags, validated by the one schema.
 * Nothing else in Bifrost reads process.env; callers pass env and flags in, so tests control them.
 */
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { configSchema, DURATION_PATHS, formatMs, PLATFORM_SLUGS, SECRET_PATHS, type Config } from './schema.ts';
import { withEffectiveEndpoints } from './endpoints.ts';
import { ENV_MAP, FLAG_MAP, JSON_PATHS, LIST_PATHS, flagName } from './sources.ts';

export interface LoadOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Parsed command-line flags (camelCase keys); `config` is the --config path. */
  flags?: Readonly<Record<string, unknown>>;
  /** Extra values applied last (tests). */
  overrides?: Record<string, unknown>;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Tree;
  }
  node[parts.at(-1)!] = value;
}

function mergeInto(target: Tree, source: Tree, sourceName: string, provenance: Map<string, string>, prefix = ''): void {
  for (const [key, value] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
      const existing = target[key];
      if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) target[key] = {};
      mergeInto(target[key] as Tree, value as Tree, sourceName, provenance, path);
    } else {
      target[key] = value;
      provenance.set(path, sourceName);
    }
  }
}

function readTomlFile(path: string, via: string): { tree?: Tree; problem?: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `${via}: cannot read config file "${path}" (${code}); check the path and its permissions` };
  }
  try {
    return { tree: parseToml(text) as Tree };
  } catch (err) {
    // smol-toml messages carry line/column but never echo values beyond the offending token.
    const first = String((err as Error).message).split('\n')[0];
    return { problem: `${via}: "${path}" is not valid TOML: ${first}` };
  }
}

function describeSource(path: string, provenance: Map<string, string>): string {
  let src = provenance.get(path);
  if (!src) {
    for (const [key, value] of provenance) if (key.startsWith(`${path}.`)) src = value;
  }
  // One entry of a list (egress.allow.0) comes from where the list came from.
  for (let parent = path; !src && parent.includes('.'); ) {
    parent = parent.slice(0, parent.lastIndexOf('.'));
    src = provenance.get(parent);
  }
  return src ? ` (from ${src})` : '';
}

function isSecretPath(path: string): boolean {
  return SECRET_PATHS.some((s) => path === s || path.startsWith(`${s}.`));
}

/** Loads and validates the configuration, or throws ConfigError listing every problem (never a secret's value). */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? {};
  const flags = options.flags ?? {};
  const merged: Tree = {};
  const provenance = new Map<string, string>();
  const problems: string[] = [];

  const configPath = (flags.config as string | undefined) ?? env.BIFROST_CONFIG;
  if (configPath) {
    const via = flags.config ? '--config' : 'BIFROST_CONFIG';
    const { tree, problem } = readTomlFile(configPath, via);
    if (problem) problems.push(problem);
    if (tree) mergeInto(merged, tree, configPath, provenance);
  }

  const fromEnv: Tree = {};
  for (const [name, path] of Object.entries(ENV_MAP)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    provenance.set(path, name);
    const jsonExample = JSON_PATHS.get(path);
    if (jsonExample !== undefined) {
      const value = parseJsonObject(raw);
      if (value === undefined) problems.push(`${path} (from ${name}): must be a JSON object such as ${jsonExample}`);
      else setPath(fromEnv, path, value);
      continue;
    }
    setPath(fromEnv, path, LIST_PATHS.has(path) ? raw.split(',').map((s) => s.trim()).filter(Boolean) : raw);
  }
  mergeInto(merged, fromEnv, 'environment', new Map());

  for (const [key, path] of Object.entries(FLAG_MAP)) {
    const value = flags[key];
    if (value === undefined) continue;
    // commander's --no-worker yields worker=false; a bare --worker default of true is not a user choice.
    if (key === 'worker' && value === true) continue;
    setPath(merged, path, value);
    provenance.set(path, flagName(key));
  }
  if (options.overrides) mergeInto(merged, options.overrides, 'overrides', provenance);

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const full = path ? `${path}.${key}` : key;
          const hint =
            path === 'integrations'
              ? `known platforms are ${PLATFORM_SLUGS.join(', ')}; internal_service_key is the only other key`
              : 'remove it or check its spelling against the README';
          problems.push(`${full}${describeSource(full, provenance)}: unknown key; ${hint}`);
        }
        continue;
      }
      // Zod messages never include the offending value, and ours are written not to either.
      problems.push(`${path || '(root)'}${describeSource(path, provenance)}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);

  const parsed = result.data;
  const server = {
    ...parsed.server,
    public_url: parsed.server.public_url ?? `http://${publicHostFor(parsed.server.host)}:${parsed.server.port}`,
  };
  const integrations = withEffectiveEndpoints(parsed.integrations, { sandbox: parsed.sandbox, publicUrl: server.public_url });
  return deepFreeze({ ...parsed, server, integrations });
}

/** A JSON object from an environment value, or undefined (not JSON, or not an object). */
function parseJsonObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A bind address such as 0.0.0.0 is not reachable as a URL; default public URLs use loopback. */
function publicHostFor(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '::0') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The effective config with every secret masked, for `bifrost config check`. */
export function maskedConfig(config: Config): Record<string, unknown> {
  const mask = (path: string, value: unknown): unknown => {
    if (isSecretPath(path)) {
      if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return value;
      if (path === 'database.url' && typeof value === 'string') return maskUrlPassword(value);
      if (Array.isArray(value)) return value.map((v) => (path === 'encryption.keys' ? `${String(v).split(':')[0]}:********` : '********'));
      return '********';
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(path ? `${path}.${k}` : k, v)]));
    }
    // Durations are milliseconds inside Bifrost; printed as they are written in the settings.
    if (DURATION_PATHS.has(path) && typeof value === 'number') return formatMs(value);
    return value;
  };
  return mask('', config) as Record<string, unknown>;
}

function maskUrlPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '********';
    return u.toString();
  } catch {
    return '********';
  }
}
