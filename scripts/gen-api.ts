/**
 * `npm run gen:api`: writes web/src/api/openapi.gen.ts (and web/openapi.json) from the routes' zod schemas,
 * and the same types plus the error codes for @bifrost/client (packages/client/src/generated/).
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_TYPES_FILE, CLIENT_CODES_FILE, CLIENT_TYPES_FILE, OPENAPI_JSON_FILE, openApiDocument, renderApiTypes, renderClientCodes, renderClientTypes } from './api-types.ts';
import { codes } from '../src/errors/codes.ts';

const doc = await openApiDocument();
writeFileSync(OPENAPI_JSON_FILE, `${JSON.stringify(doc, null, 2)}\n`);
writeFileSync(API_TYPES_FILE, await renderApiTypes(doc));
writeFileSync(CLIENT_TYPES_FILE, await renderClientTypes(doc));
writeFileSync(CLIENT_CODES_FILE, renderClientCodes(codes));
for (const file of [API_TYPES_FILE, OPENAPI_JSON_FILE, CLIENT_TYPES_FILE, CLIENT_CODES_FILE]) process.stdout.write(`[bifrost] wrote ${relative(process.cwd(), file)}\n`);
