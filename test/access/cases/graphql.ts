/**
 * Access-matrix cases for the GraphQL endpoint: any session or API key gets in (`{ authenticated: true }`),
 * anonymous callers get 401, and another account's member never sees B's data. Each resolver's own
 * permission is proven field by field by src/graphql/access.test.ts (errors there sit in a 200).
 */
import type { AccessCase } from '../types.ts';

const MEMBERS = '{ members { username } }';

export const cases: AccessCase[] = [
  {
    method: 'POST',
    url: '/graphql',
    access: { authenticated: true },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ body: { query: MEMBERS }, marker: (await ctx.newMember('viewer')).username }),
  },
  {
    method: 'GET',
    url: '/graphql',
    access: { authenticated: true },
    status: 200,
    isolation: 'own-account',
    setup: async (ctx) => ({ query: { query: MEMBERS }, marker: (await ctx.newMember('viewer')).username }),
  },
];
