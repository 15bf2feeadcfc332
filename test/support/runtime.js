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
import { loadConfig } from '../../src/config/load.js';
import { createRuntime } from '../../src/runtime.js';
import { createLogger } from '../../src/log.js';
import { createKeyring, parseKeySpecs, generateKeySpec } from '../../src/crypto/keyring.js';
import { sqliteOnly } from './stores.js';
import { TEST_HASH_PARAMS } from './auth.js';
export function captureLog() {
    const lines = [];
    const stream = new Writable({
        write(chunk, _enc, cb) {
            lines.push(String(chunk));
            cb();
        },
    });
    return { stream, capture: { lines, text: () => lines.join('') } };
}
export const TEST_EGRESS = { allow: ['127.0.0.0/8', '::1'] };
export async function testRuntime(options = {}) {
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
/** `overrides` with each platform's endpoints added under `integrations.<slug>.endpoints` (endpoints the overrides set win). */
function withEndpoints(overrides, endpoints) {
    const integrations = { ...(overrides.integrations ?? {}) };
    for (const [slug, urls] of Object.entries(endpoints)) {
        const section = integrations[slug] ?? {};
        integrations[slug] = { ...section, endpoints: { ...urls, ...(section.endpoints ?? {}) } };
    }
    return { ...overrides, integrations };
}
//# sourceMappingURL=runtime.js.map