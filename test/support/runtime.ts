/**
 * A Runtime for tests: config from overrides (no env), a temp data dir, generated keys, a captured
 * log, an injectable clock and fetch, and a store from the matrix (SQLite by default).
 * Test-only allowance: `[egress] allow` lists loopback, because the fakes webhooks deliver to
 * listen on 127.0.0.1; a test of the egress policy itself passes its own `egress` override.
 * `platformBaseUrls` points platforms at running fakes through the ordinary config key
 * (`integrations.<slug>.endpoints`), as an operator would point them at a staging server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/load.ts';
import { createRuntime, type Runtime, type ServiceSeams } from '../../src/runtime.ts';
import { createLogger } from '../../src/log.ts';
import { createKeyring, parseKeySpecs, generateKeySpec } from '../../src/crypto/keyring.ts';
import type { Clock } from '../../src/clock.ts';
import type { Store } from '../../src/store/db.ts';
import type { PlatformSlug } from '../../src/platforms/types.ts';
import { sqliteOnly } from './stores.ts';
import { TEST_HASH_PARAMS } from './auth.ts';

export interface LogCapture {
  lines: string[];
  text(): string;
}

export function captureLog(): { stream: Writable; capture: LogCapture } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { stream, capture: { lines, text: () => lines.join('') } };
}

export interface TestRuntimeOptions {
  overrides?: Record<string, unknown>;
  env?: Record<string, string>;
  store?: Store;
  clock?: Clock;
  fetch?: typeof fetch;
  logLevel?: string;
  /** Endpoints per platform (a fake's `baseUrls`), set as `integrations.<slug>.endpoints`. */
  platformBaseUrls?: Partial<Record<PlatformSlug, Record<string, string>>>;
  /** Seams of the egress policy: a scripted resolver, fixed interface addresses. */
  egressSeams?: import('../../src/net/egress.ts').EgressOptions;
  /** Seams of the services: randomness (jitter), the wait between lease polls, hooks at the refresh path's steps. */
  seams?: ServiceSeams;
}

export interface TestRuntime extends Runtime {
  logs: LogCapture;
}

export const TEST_EGRESS = { allow: ['127.0.0.0/8', '::1'] };

export async function testRuntime(options: TestRuntimeOptions = {}): Promise<TestRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-rt-'));
  const overrides = withEndpoints({ data_dir: dataDir, egress: TEST_EGRESS, ...(options.overrides ?? {}) }, options.platformBaseUrls ?? {});
  const config = loadConfig({ env: options.env ?? {}, overrides });
  const { stream, capture } = captureLog();
  const log = createLogger({ level: options.logLevel ?? 'info', destination: stream });
  const store = options.store ?? (await sqliteOnly().open());
  const keyring = config.encryption.keys.length > 0 ? createKeyring(parseKeySpecs(config.encryption.keys), 'config') : createKeyring(parseKeySpecs([generateKeySpec('k1')]), 'test');
  const rt = await createRuntime(config, {
    log,
    store,
    keyring,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.egressSeams ? { egress: options.egressSeams } : {}),
    seams: { passwordHashing: TEST_HASH_PARAMS, ...options.seams },
  });
  return { ...rt, logs: capture };
}

type Section = { endpoints?: Record<string, string> } & Record<string, unknown>;

/** `overrides` with each platform's endpoints added under `integrations.<slug>.endpoints` (endpoints the overrides set win). */
function withEndpoints(overrides: Record<string, unknown>, endpoints: Partial<Record<PlatformSlug, Record<string, string>>>): Record<string, unknown> {
  const integrations = { ...((overrides.integrations as Record<string, Section> | undefined) ?? {}) };
  for (const [slug, urls] of Object.entries(endpoints)) {
    const section = integrations[slug] ?? {};
    integrations[slug] = { ...section, endpoints: { ...urls, ...(section.endpoints ?? {}) } };
  }
  return { ...overrides, integrations };
}
