/** `npm run gen:api`: writes web/src/api/openapi.gen.ts (and web/openapi.json) from the routes' zod schemas. */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { API_TYPES_FILE, OPENAPI_JSON_FILE, openApiDocument, renderApiTypes } from './api-types.ts';

const doc = await openApiDocument();
writeFileSync(OPENAPI_JSON_FILE, `${JSON.stringify(doc, null, 2)}\n`);
writeFileSync(API_TYPES_FILE, await renderApiTypes(doc));
for (const file of [API_TYPES_FILE, OPENAPI_JSON_FILE]) process.stdout.write(`[bifrost] wrote ${relative(process.cwd(), file)}\n`);
