/**
 * graphql-js as Mercurius sees it. graphql 16 ships CommonJS (index.js) and ESM (index.mjs) copies;
 * Mercurius `require`s the first, while a bundler-style resolver (vitest) may give an `import` the
 * second, and graphql-js refuses schemas and errors from "another realm". Every value import of
 * graphql in src/graphql goes through this file so there is exactly one copy; types import normally.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const graphqlJs = require('graphql') as typeof import('graphql');
