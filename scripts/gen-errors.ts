/** `npm run gen:errors`: writes the README's "Error codes" table from the error-code registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { codes } from '../src/errors/codes.ts';
import { README_FILE, renderErrorTable, withErrorTable } from './error-table.ts';

writeFileSync(README_FILE, withErrorTable(readFileSync(README_FILE, 'utf8'), renderErrorTable(codes)));
process.stdout.write(`[bifrost] wrote the error-code table in ${relative(process.cwd(), README_FILE)}\n`);
