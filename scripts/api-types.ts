/**
 * The dashboard's wire types from Bifrost's own OpenAPI document: builds the app in-process (a
 * throwaway SQLite data dir, no listening socket), takes `app.swagger()` and renders it with
 * openapi-typescript. `npm run gen:api` writes the result; a test compares it with the committed file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { loadConfig } from '../src/config/load.ts';
import { createRuntime } from '../src/runtime.ts';
import { createLogger } from '../src/log.ts';
import { createKeyring, generateKeySpec, parseKeySpecs } from '../src/crypto/keyring.ts';
import { buildApp } from '../src/http/app.ts';

/** Where the generated types live (committed, so the dashboard builds without a server). */
export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api/openapi.gen.ts', import.meta.url));

/** The same types for the bot developers' client (@bifrost/client), committed beside its sources. */
export const CLIENT_TYPES_FILE = fileURLToPath(new URL('../packages/client/src/generated/openapi.ts', import.meta.url));

/** The error-code registry as the client sees it (code → status, retryable), for its typed errors. */
export const CLIENT_CODES_FILE = fileURLToPath(new URL('../packages/client/src/generated/error-codes.ts', import.meta.url));

/** Beside them, the document itself (not committed): for API tools, or to read what changed. */
export const OPENAPI_JSON_FILE = fileURLToPath(new URL('../web/openapi.json', import.meta.url));

const HEADER = `/**
 * Generated from Bifrost's OpenAPI document (GET /openapi.json) by scripts/gen-api.ts: do not edit;
 * run \`npm run gen:api\` after changing a route's zod schemas. web/src/api/types.ts names these shapes.
 */

`;

const CLIENT_HEADER = `/**
 * Generated from Bifrost's OpenAPI document (GET /openapi.json) by scripts/gen-api.ts: do not edit;
 * run \`npm run gen:api\` in the Bifrost repository after changing a route. src/types.ts names these shapes.
 */

`;

/** The OpenAPI document of the default configuration, exactly as /openapi.json serves it. */
export async function openApiDocument(): Promise<OpenAPI3> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bifrost-openapi-'));
  try {
    const config = loadConfig({ env: {}, overrides: { data_dir: dataDir } });
    // A throwaway key: nothing is encrypted, but the runtime wants a keyring.
    const keyring = createKeyring(parseKeySpecs([generateKeySpec('gen')]), 'gen:api');
    const rt = await createRuntime(config, { log: createLogger({ level: 'silent' }), keyring });
    try {
      const app = await buildApp(rt);
      try {
        return app.swagger() as OpenAPI3;
      } finally {
        await app.close();
      }
    } finally {
      await rt.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The TypeScript of a document: `paths` with every route's parameters, bodies and answers. */
export function renderApiTypes(doc: OpenAPI3): Promise<string> {
  // A copy: openapi-typescript annotates the object it is given.
  return openapiTS(structuredClone(doc), { silent: true, commentHeader: HEADER });
}

/** The client's copy of the wire types (its own header: it ships in a package of its own). */
export function renderClientTypes(doc: OpenAPI3): Promise<string> {
  return openapiTS(structuredClone(doc), { silent: true, commentHeader: CLIENT_HEADER });
}

/** The client's table of error codes: each code's HTTP status and whether retrying may succeed. */
export function renderClientCodes(registry: Readonly<Record<string, { status: number; retryable: boolean }>>): string {
  const rows = Object.keys(registry)
    .sort()
    .map((code) => `  ${code}: { status: ${registry[code]!.status}, retryable: ${registry[code]!.retryable} },`);
  return `/**
 * Generated from Bifrost's error-code registry by scripts/gen-api.ts: do not edit; run \`npm run gen:api\`
 * in the Bifrost repository after adding a code. Each code's HTTP status and whether a retry may succeed.
 */
export const ERROR_CODES = {
${rows.join('\n')}
} as const;

/** An error code Bifrost answers with (\`{"error": {"code", "message", "details"?}}\`). */
export type ErrorCode = keyof typeof ERROR_CODES;
`;
}
