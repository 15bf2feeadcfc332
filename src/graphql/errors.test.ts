/**
 * Acceptance (issue 7): malformed documents, unknown fields, wrong enum values, bad bodies and
 * refused callers all answer GraphQL errors with a registry code in extensions.code, never a 500;
 * validation errors name the field; an unexpected failure says only "internal error".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../http/app.ts';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { memberSession } from '../../test/support/auth.ts';
import { isErrorCode } from '../errors/codes.ts';
import { PLATFORM_SLUGS } from '../platforms/registry.ts';
import { codesOf, gql, type GqlResponse } from './testing/client.ts';

describe('GraphQL errors', () => {
  let rt: TestRuntime;
  let app: App;
  let headers: Record<string, string>;
  const seen: GqlResponse[] = [];

  beforeAll(async () => {
    rt = await testRuntime();
    app = await buildApp(rt);
    headers = (await memberSession(app, rt, { role: 'owner' })).headers;
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
  });

  async function ask(query: string, variables?: Record<string, unknown>, as = headers): Promise<GqlResponse> {
    const res = await gql(app, as, query, variables);
    seen.push(res);
    return res;
  }

  async function raw(payload: string, contentType = 'application/json'): Promise<GqlResponse> {
    const res = await app.inject({ method: 'POST', url: '/graphql', headers: { ...headers, 'content-type': contentType }, payload });
    const json = JSON.parse(res.body) as Pick<GqlResponse, 'data' | 'errors'>;
    const out = { status: res.statusCode, data: json.data ?? null, errors: json.errors, body: res.body };
    seen.push(out);
    return out;
  }

  it('a syntax error is GRAPHQL_PARSE_FAILED with its line and column', async () => {
    const res = await ask('query { allIntegrations { id ');
    expect(res.status).toBe(400);
    expect(codesOf(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(res.errors![0]!.message).toMatch(/^Syntax Error/);
    expect(res.data).toBeNull();
  });

  it('unknown fields, missing arguments and wrong enum values are GRAPHQL_VALIDATION_FAILED naming the field', async () => {
    const unknown = await ask('{ allIntegrations { platformSlug nope } }');
    expect(unknown.status).toBe(400);
    expect(unknown.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'nope' });

    const missing = await ask('{ integration { id } }');
    expect(missing.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'id' });

    const literal = await ask('mutation { connectIntegration(input: { platform: "twitch", integrationType: ROBOT }) { state } }');
    expect(literal.status).toBe(400);
    expect(literal.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'input.integrationType' });

    const variable = await ask('mutation ($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { state } }', {
      input: { platform: 'twitch', integrationType: 'ROBOT' },
    });
    expect(variable.status).toBe(400);
    expect(variable.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'input.integrationType' });

    const unset = await ask('query ($id: ID!) { integration(id: $id) { id } }');
    expect(unset.status).toBe(400);
    expect(unset.errors![0]!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'id' });
  });

  it("service validation keeps REST's rules and names the GraphQL argument", async () => {
    const platform = await ask('{ platformIntegrations(platform: "myspace") { id } }');
    expect(platform.status).toBe(200);
    expect(platform.errors![0]).toMatchObject({ path: ['platformIntegrations'], extensions: { code: 'VALIDATION_FAILED', field: 'platform' } });
    expect(platform.errors![0]!.message).toMatch(/^platform: must be one of twitch, youtube, kick, trovo/);

    const key = await ask('mutation { createApiKey(input: { name: "k", permissions: ["tokens:write"] }) { key } }');
    expect(key.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'input.permissions.0' });
    expect(key.data).toEqual({ createApiKey: null });

    const tool = await ask('mutation { createTool(input: { kind: OBS, port: 99999 }) { id } }');
    expect(tool.errors![0]!.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'port' });
    expect(tool.errors![0]!.message).toMatch(/^port: must be between 1 and 65535/);

    const notFound = await ask('{ integration(id: "int_nope") { id } }');
    expect(notFound.errors![0]).toMatchObject({ message: 'integration not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('bad bodies are client errors, never 500', async () => {
    const cases: [string, string, number, string][] = [
      ['not json', 'application/json', 400, 'BAD_REQUEST'],
      ['null', 'application/json', 400, 'BAD_REQUEST'],
      ['[1]', 'application/json', 400, 'BAD_REQUEST'],
      ['[]', 'application/json', 400, 'BAD_REQUEST'],
      ['{"query": 5}', 'application/json', 400, 'BAD_REQUEST'],
      ['{}', 'application/json', 400, 'BAD_REQUEST'],
      ['{"query": "{ allIntegrations { platformSlug } }", "variables": "x"}', 'application/json', 400, 'GRAPHQL_VALIDATION_FAILED'],
      ['{"query": "{ allIntegrations { platformSlug } }", "operationName": 5}', 'application/json', 400, 'GRAPHQL_VALIDATION_FAILED'],
      // Mercurius would take a JSON "query" for a pre-parsed AST; it must not reach graphql-js.
      ['{"query": "{\\"kind\\": \\"Document\\", \\"definitions\\": []}"}', 'application/json', 400, 'GRAPHQL_PARSE_FAILED'],
      ['{"query": "{}"}', 'application/json', 400, 'GRAPHQL_PARSE_FAILED'],
      ['{ allIntegrations { platformSlug } }', 'text/plain', 400, 'BAD_REQUEST'],
      ['<query/>', 'application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [payload, type, status, code] of cases) {
      const res = await raw(payload, type);
      expect([payload, res.status, codesOf(res)]).toEqual([payload, status, [code]]);
    }
    // application/graphql is a document as the body (Mercurius); it needs the same CSRF header.
    const doc = await raw('{ integrationPlatforms { slug } }', 'application/graphql');
    expect(doc.status).toBe(200);
    expect(doc.data!.integrationPlatforms).toHaveLength(PLATFORM_SLUGS.length);
  });

  it('anonymous callers get UNAUTHENTICATED; a cookie POST without the CSRF header gets CSRF_FAILED and changes nothing', async () => {
    const anonymous = await ask('{ allIntegrations { platformSlug } }', undefined, {});
    expect(anonymous.status).toBe(401);
    expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);

    const { 'x-csrf-token': _, ...noCsrf } = headers;
    const before = await rt.store.db.selectFrom('accounts').select('id').execute();
    const forged = await ask('mutation { createAccount(name: "forged") { id } }', undefined, noCsrf);
    expect(forged.status).toBe(403);
    expect(codesOf(forged)).toEqual(['CSRF_FAILED']);
    const crossSite = await ask('mutation { createAccount(name: "forged") { id } }', undefined, { ...headers, origin: 'https://evil.example' });
    expect(codesOf(crossSite)).toEqual(['CSRF_FAILED']);
    expect(await rt.store.db.selectFrom('accounts').select('id').execute()).toHaveLength(before.length);
  });

  it('GET runs queries with the cookie alone, and never a mutation', async () => {
    const { cookie } = headers;
    const q = encodeURIComponent('{ integrationPlatforms { slug } }');
    const ok = await app.inject({ method: 'GET', url: `/graphql?query=${q}`, headers: { cookie: cookie! } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.integrationPlatforms).toHaveLength(PLATFORM_SLUGS.length);

    const withVars = encodeURIComponent('query ($p: String!) { platformIntegrations(platform: $p) { id } }');
    const vars = await app.inject({ method: 'GET', url: `/graphql?query=${withVars}&variables=${encodeURIComponent('{"p":"kick"}')}`, headers: { cookie: cookie! } });
    expect(vars.json()).toEqual({ data: { platformIntegrations: [] } });
    const badVars = await app.inject({ method: 'GET', url: `/graphql?query=${withVars}&variables=nope`, headers: { cookie: cookie! } });
    expect([badVars.statusCode, badVars.json().errors[0].extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);

    const before = await rt.store.db.selectFrom('accounts').select('id').execute();
    const m = encodeURIComponent('mutation { createAccount(name: "via GET") { id } }');
    const refused = await app.inject({ method: 'GET', url: `/graphql?query=${m}`, headers: { cookie: cookie! } });
    expect(refused.statusCode).toBe(405);
    expect(refused.json().errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
    expect(await rt.store.db.selectFrom('accounts').select('id').execute()).toHaveLength(before.length);
  });

  it('batches run each operation and are limited to max_batch', async () => {
    const op = { query: '{ integrationPlatforms { slug } }' };
    const two = await app.inject({ method: 'POST', url: '/graphql', headers, payload: [op, { query: '{ nope }' }] });
    expect(two.statusCode).toBe(200);
    const [first, second] = two.json() as GqlResponse[];
    expect(first!.data!.integrationPlatforms).toHaveLength(PLATFORM_SLUGS.length);
    expect(second!.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const many = await app.inject({ method: 'POST', url: '/graphql', headers, payload: Array.from({ length: rt.config.graphql.max_batch + 1 }, () => op) });
    expect(many.statusCode).toBe(400);
    expect(many.json().errors[0].extensions.code).toBe('BATCH_TOO_LARGE');
  });

  it('an unexpected failure is INTERNAL with a generic message; the details go to the log only', async () => {
    await rt.store.db.schema.dropTable('streamelements_tokens').execute();
    const res = await ask('{ streamElementsTokens { id } }');
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([{ message: 'internal error', locations: [{ line: 1, column: 3 }], path: ['streamElementsTokens'], extensions: { code: 'INTERNAL' } }]);
    expect(res.body).not.toMatch(/streamelements_tokens|no such table|SELECT|\bat \S+:\d+|\/work\//i);
    expect(rt.logs.text()).toMatch(/no such table: streamelements_tokens/);
  });

  it('every error above carried a registry code and no stack', () => {
    expect(seen.length).toBeGreaterThan(15);
    for (const res of seen) {
      expect(res.status).not.toBe(500);
      for (const e of res.errors ?? []) {
        expect(isErrorCode(e.extensions.code), e.extensions.code).toBe(true);
        expect(JSON.stringify(e)).not.toMatch(/stack|stacktrace|\.ts:\d+|node_modules/i);
      }
    }
  });
});
