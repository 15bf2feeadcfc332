/**
 * The one configuration schema. Every key Bifrost reads is declared here with its default;
 * `load.ts` merges defaults < bifrost.toml < environment < flags and validates with this schema.
 */
import { z } from 'zod';

export const PLATFORM_SLUGS = ['twitch', 'youtube', 'kick', 'trovo'] as const;
export type PlatformSlug = (typeof PLATFORM_SLUGS)[number];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname.endsWith('.localhost');
}

/** A duration in seconds: a number, or a string like "90s", "15m", "12h", "30d". */
const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return value;
  } else {
    const m = /^(\d+)\s*(s|m|h|d)?$/.exec(value.trim());
    if (m) {
      const n = Number(m[1]);
      const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
      if (n > 0) return n * unit;
    }
  }
  ctx.addIssue({ code: 'custom', message: 'must be a positive duration such as 90, "90s", "15m", "12h" or "30d"' });
  return z.NEVER;
});

const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])]).transform(
  (v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on',
);

const stringList = z.union([z.array(z.string()), z.string()]).transform((v) =>
  (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0),
);

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const publicUrl = z
  .string()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://bifrost.example.com' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'must start with https:// (or http:// on loopback)' });
    } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'uses http:// on a non-loopback host; OAuth redirect URIs must be https except on loopback (RFC 9700 §2.6). Use https://… behind a TLS proxy, or http://127.0.0.1:<port> for local use',
      });
    }
    if (url.search || url.hash || url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'must not contain a query, fragment or credentials' });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

const platformCredentials = z
  .object({
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
  })
  .strict();

/** `id:base64key` where the key decodes to exactly 32 bytes (AES-256). */
export const encryptionKeySpec = z.string().superRefine((value, ctx) => {
  const m = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(value.trim());
  if (!m) {
    ctx.addIssue({
      code: 'custom',
      message: 'each key must look like id:base64key (id of letters, digits, _ or -); generate one with `bifrost keys generate`',
    });
    return;
  }
  const bytes = Buffer.from(m[2]!, 'base64');
  if (bytes.length !== 32) {
    ctx.addIssue({ code: 'custom', message: `key "${m[1]}" must decode to 32 bytes (AES-256); generate one with \`bifrost keys generate\`` });
  }
});

export const configSchema = z
  .object({
    data_dir: z.string().min(1).default('./data'),
    sandbox: boolish.default(false),
    worker: boolish.default(true),
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(8080),
        public_url: publicUrl.optional(),
        trusted_proxies: stringList.default([]),
        body_limit: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(1024 * 1024),
        session_idle_timeout: duration.default(12 * 3600),
        session_absolute_lifetime: duration.default(30 * 86400),
      })
      .strict()
      .prefault({}),
    database: z
      .object({
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for SQLite in the data dir)')
          .optional(),
        pool_size: z.coerce.number().int().min(1).max(100).default(10),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .prefault({}),
    encryption: z
      .object({
        keys: z.array(encryptionKeySpec).default([]),
      })
      .strict()
      .prefault({}),
    integrations: z
      .object({
        internal_service_key: stringList.default([]),
        twitch: platformCredentials.prefault({}),
        youtube: platformCredentials.prefault({}),
        kick: platformCredentials.prefault({}),
        trovo: platformCredentials.prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
type Parsed = z.output<typeof configSchema>;

/** The validated, frozen configuration. `server.public_url` is always set (derived from host:port when absent). */
export type Config = Readonly<
  Omit<Parsed, 'server'> & {
    server: Readonly<Parsed['server'] & { public_url: string }>;
  }
>;

/** Dotted paths of every secret in the config: masked in `config check`, never printed in errors. */
export const SECRET_PATHS: readonly string[] = [
  'integrations.internal_service_key',
  'encryption.keys',
  'database.url',
  ...PLATFORM_SLUGS.map((p) => `integrations.${p}.client_secret`),
];
