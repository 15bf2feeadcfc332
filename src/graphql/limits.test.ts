/**
 * Protection (issue 7): depth and complexity limits, document size, introspection on by default and
 * switchable off, GraphiQL only when configured (with its own CSP), and every root field guarded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { CONTENT_SECURITY_POLICY } from '../http/security-headers.ts';
import { codesOf, gql } from './testing/client.ts';
import { graphqlSchema } from './modules.ts';
import { isGuarded } from './guard.ts';
import { graphqlJs } from './graphql-js.ts';
import { GRAPHIQL_CSP } from './graphiql.ts';

async function world(overrides: Record<string, unknown> = {}) {
  const rt: TestRuntime = await testRuntime({ overrides });
  const app: App = await buildApp(rt);
  const { headers } = await memberSession(app, rt, { role: 'owner' });
  return { rt, app, headers, close: async () => (await app.close(), await rt.close()) };
}

const AUDIT_DEPTH_5 = '{ auditLogs { edges { node { actor { type } } } } }';

describe('GraphQL protection, default configuration', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(async () => w?.close());

  it('has introspection on; a full introspection query (as GraphiQL sends it) passes the limits', async () => {
    const res = await gql(w.app, w.headers, graphqlJs.getIntrospectionQuery());
    expect(res.errors, res.body).toBeUndefined();
    const types = (res.data!.__schema.types as { name: string }[]).map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Integration', 'IntegrationType', 'DateTime']));
  });

  it('refuses an alias bomb as QUERY_TOO_COMPLEX before running it', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => `a${i}: allIntegrations { bots { id platformUsername } }`).join(' ');
    const res = await gql(w.app, w.headers, `{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.errors![0]!.message).toMatch(/costs \d+; the limit is 5000/);
  });

  it('refuses a document over max_document_bytes with DOCUMENT_TOO_LARGE', async () => {
    const padding = `# ${'x'.repeat(w.rt.config.graphql.max_document_bytes)}\n`;
    const res = await gql(w.app, w.headers, `${padding}{ integrationPlatforms { slug } }`);
    expect(res.status).toBe(413);
    expect(codesOf(res)).toEqual(['DOCUMENT_TOO_LARGE']);
  });

  it('does not serve GraphiQL', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
  });

  it('guards every query and mutation field with the shared permission guard', () => {
    const schema = graphqlSchema();
    const unguarded: string[] = [];
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) if (!isGuarded(field.resolve)) unguarded.push(`${root.name}.${field.name}`);
    }
    expect(unguarded).toEqual([]);
  });
});

describe('GraphQL protection, tightened configuration', () => {
  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world({ graphql: { max_depth: 4, max_complexity: 100, introspection: false, graphiql: true } });
  });
  afterAll(async () => w?.close());

  it('refuses an over-deep query with QUERY_TOO_DEEP, also through fragments', async () => {
    const deep = await gql(w.app, w.headers, AUDIT_DEPTH_5);
    expect(deep.status).toBe(400);
    expect(codesOf(deep)).toEqual(['QUERY_TOO_DEEP']);
    expect(deep.errors![0]!.message).toBe('the operation nests fields 5 deep; the limit is 4');

    const viaFragments = await gql(
      w.app,
      w.headers,
      'query Log { auditLogs { ...E } } fragment E on AuditEventConnection { edges { ...N } } fragment N on AuditEventEdge { node { actor { type } } }',
    );
    expect(codesOf(viaFragments)).toEqual(['QUERY_TOO_DEEP']);
    expect(viaFragments.errors![0]!.message).toMatch(/^operation Log nests fields 5 deep/);

    const fits = await gql(w.app, w.headers, '{ auditLogs(first: 2) { edges { node { action } } } }');
    expect(fits.errors, fits.body).toBeUndefined();
  });

  it('counts list fields by their first argument (or 10) for complexity', async () => {
    // 1 + 10 × (1 + 10 × 1) = 111 > 100.
    expect(codesOf(await gql(w.app, w.headers, '{ allIntegrations { bots { id } } }'))).toEqual(['QUERY_TOO_COMPLEX']);
    // 1 + 2 × (1 + (1 + 1)) + 1 = 8.
    const small = await gql(w.app, w.headers, '{ auditLogs(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }');
    expect(small.errors, small.body).toBeUndefined();
  });

  it('stays fast on a document of nested fragment spreads (each fragment is measured once)', async () => {
    const defs = ['fragment F0 on Integration { id }'];
    for (let i = 1; i < 30; i++) defs.push(`fragment F${i} on Integration { ...F${i - 1} ...F${i - 1} }`);
    const started = Date.now();
    const res = await gql(w.app, w.headers, `{ integration(id: "int_x") { ...F29 } } ${defs.join(' ')}`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).not.toBe(500);
  });

  it('refuses introspection when it is off, but keeps __typename', async () => {
    const res = await gql(w.app, w.headers, '{ __schema { queryType { name } } }');
    expect(res.status).toBe(400);
    expect(new Set(codesOf(res))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(res.errors![0]!.message).toMatch(/introspection has been disabled/);
    const typename = await gql(w.app, w.headers, '{ __typename integrationPlatforms { __typename slug } }');
    expect(typename.errors).toBeUndefined();
    expect(typename.data!.__typename).toBe('Query');
  });

  it('serves GraphiQL at /graphiql with its own CSP, and keeps the strict CSP everywhere else', async () => {
    const page = await w.app.inject({ method: 'GET', url: '/graphiql' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toBe(GRAPHIQL_CSP);
    const script = await w.app.inject({ method: 'GET', url: '/graphiql/config.js' });
    expect(script.body).toContain("window.GRAPHQL_ENDPOINT = '/graphql'");
    expect(script.headers['content-security-policy']).toBe(GRAPHIQL_CSP);
    const api = await w.app.inject({ method: 'POST', url: '/graphql', headers: w.headers, payload: { query: '{ __typename }' } });
    expect(api.headers['content-security-policy']).toContain("script-src 'self';");
    expect(api.headers['content-security-policy']).not.toContain('unpkg');
    expect(CONTENT_SECURITY_POLICY.scriptSrc).toEqual(["'self'"]);
  });
});
