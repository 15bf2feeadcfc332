/**
 * Canary (F-11): with every configured secret set to a known canary string, the server is started and
 * exercised, including failing requests, and no canary appears in captured logs or responses.
 * Later capabilities extend REQUESTS with their own routes.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app.ts';
import { testRuntime } from './support/runtime.ts';
import { generateKeySpec } from '../src/crypto/keyring.ts';
import { memberSession, signIn } from './support/auth.ts';
import { startFakeObs } from '../src/tools/fakes/obs-server.ts';
import { startFakeStreamerbot } from '../src/tools/fakes/streamerbot-server.ts';
import { startFake as startFakeTwitch } from '../src/platforms/twitch/fake.ts';
import { refreshModes } from '../src/platforms/fake/knobs.ts';
import { tokensRuntime } from './support/tokens-runtime.ts';
import { seedIntegration, storedTokens } from './support/token-seed.ts';
import { createWorker } from '../src/worker/worker.ts';

const CANARY = 'CANARY7f3a';

const REQUESTS: { method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH'; url: string; payload?: unknown; headers?: Record<string, string> }[] = [
  { method: 'GET', url: '/healthz' },
  { method: 'GET', url: '/readyz' },
  { method: 'GET', url: '/openapi.json' },
  { method: 'GET', url: `/nope?code=${CANARY}&state=${CANARY}` },
  { method: 'POST', url: '/healthz', payload: { token: CANARY } },
  { method: 'GET', url: '/v1/integrations/callback/twitch?code=' + CANARY, headers: { authorization: `Bearer ${CANARY}`, cookie: `s=${CANARY}` } },
  { method: 'POST', url: '/internal/integrations/int_x/token', headers: { 'x-internal-secret': CANARY } },
];

describe('secrets never reach logs or responses', () => {
  it('with every secret set to a canary', async () => {
    const key = generateKeySpec('k1');
    const rt = await testRuntime({
      logLevel: 'trace',
      env: {
        INTERNAL_SERVICE_KEY: `${CANARY}-isk`,
        BIFROST_ENCRYPTION_KEYS: key,
        TWITCH_INTEGRATION_CLIENT_ID: 'twitch-client-id',
        TWITCH_INTEGRATION_CLIENT_SECRET: `${CANARY}-twitch`,
        YOUTUBE_INTEGRATION_CLIENT_SECRET: `${CANARY}-youtube`,
        KICK_INTEGRATION_CLIENT_SECRET: `${CANARY}-kick`,
        TROVO_INTEGRATION_CLIENT_SECRET: `${CANARY}-trovo`,
      },
    });
    const app = await buildApp(rt);
    const bodies: string[] = [];
    try {
      for (const r of REQUESTS) {
        const res = await app.inject({ method: r.method, url: r.url, payload: r.payload as never, headers: r.headers });
        bodies.push(JSON.stringify(res.headers), res.body);
      }
    } finally {
      await app.close();
      await rt.close();
    }
    const logs = rt.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    for (const text of [logs, ...bodies]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(key.split(':')[1]);
    }
  });

  it('tool passwords and StreamElements JWTs, once saved, appear in no log, response or audit event', async () => {
    const rt = await testRuntime({ logLevel: 'trace' });
    const app = await buildApp(rt);
    const obs = await startFakeObs({ password: `${CANARY}-obs` });
    const sb = await startFakeStreamerbot({ password: `${CANARY}-sb` });
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    // The canary sits in the signature, away from the last 4 characters shown as the hint.
    const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ channel: 'c1' })}.${CANARY}sigAbcd`;
    const bodies: string[] = [];
    try {
      const { headers } = await memberSession(app, rt, { role: 'owner' });
      const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
        const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
        bodies.push(JSON.stringify(res.headers), res.body);
        return res;
      };
      const o = (await send('POST', '/v1/tools', { kind: 'obs', remote_access: true, host: '127.0.0.1', port: obs.port, password: `${CANARY}-obs` })).json();
      const s = (await send('POST', '/v1/tools', { kind: 'streamerbot', port: sb.port, password: `${CANARY}-wrong` })).json();
      await send('POST', '/v1/tools', { kind: 'obs', port: 99999, password: `${CANARY}-bad` });
      await send('POST', '/v1/tools', { kind: 'obs', host: 'x.example', password: `${CANARY}-bad` });
      expect((await send('POST', `/v1/tools/${o.id}/test`)).json().ok).toBe(true);
      expect((await send('POST', `/v1/tools/${s.id}/test`)).json().outcome).toBe('auth_failed');
      await send('PATCH', `/v1/tools/${s.id}`, { password: `${CANARY}-sb` });
      expect((await send('POST', `/v1/tools/${s.id}/test`)).json().ok).toBe(true);
      await send('GET', '/v1/tools');
      await send('GET', `/v1/tools/${o.id}`);
      await send('POST', '/v1/streamelements/tokens', { platform: 'twitch', token: jwt, label: 'Main' });
      await send('POST', '/v1/streamelements/tokens', { platform: 'twitch', token: `${CANARY}.not-a-jwt` });
      await send('GET', '/v1/streamelements/tokens');
      await send('DELETE', `/v1/tools/${o.id}`);
      const audit = await rt.store.db.selectFrom('audit_events').selectAll().execute();
      const rows = [
        ...(await rt.store.db.selectFrom('tools').selectAll().execute()),
        ...(await rt.store.db.selectFrom('streamelements_tokens').selectAll().execute()),
      ];
      bodies.push(JSON.stringify(audit), JSON.stringify(rows));
      expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['tool.created', 'tool.tested', 'tool.updated', 'tool.deleted', 'streamelements_token.added']));
    } finally {
      await Promise.all([obs.close(), sb.close()]);
      await app.close();
      await rt.close();
    }
    for (const text of [rt.logs.text(), ...bodies]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(jwt.split('.')[1] + '.');
    }
  });

  it('passwords, client secrets and API keys, once submitted, appear in no log, response or audit event', async () => {
    const rt = await testRuntime({ logLevel: 'trace' });
    const app = await buildApp(rt);
    const password = `${CANARY}-owner-pass`;
    const clientSecret = `${CANARY}-client-secret`;
    const bodies: string[] = [];
    let apiKey = '';
    try {
      const send = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) => {
        const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
        bodies.push(JSON.stringify(res.headers), res.body);
        return res;
      };
      const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(rt.logs.text())![1]!;
      await send('POST', '/v1/setup', {}, { token, username: 'canary', password: 'password1', account_name: 'Canary' });
      const setup = await send('POST', '/v1/setup', {}, { token, username: 'canary', password, account_name: 'Canary' });
      expect(setup.statusCode).toBe(201);
      await send('POST', '/v1/auth/login', {}, { username: 'canary', password: `${CANARY}-wrong` });
      await send('POST', '/v1/auth/login', {}, { username: `${CANARY}-nobody`, password });
      const { headers } = await signIn(app, { username: 'canary', password });
      await send('PUT', '/v1/app-credentials/twitch', headers, { client_id: 'canary-client-id', client_secret: clientSecret });
      await send('PUT', '/v1/app-credentials/nope', headers, { client_id: 'x', client_secret: clientSecret });
      await send('GET', '/v1/app-credentials', headers);
      await send('GET', '/v1/app-credentials/twitch', headers);
      // The creation response exists to return the key once; it is the only place it may appear.
      const created = await app.inject({ method: 'POST', url: '/v1/api-keys', headers, payload: { name: 'bot', permissions: ['members:read', 'audit:read'] } });
      apiKey = created.json().key as string;
      await send('GET', '/v1/members', { authorization: `Bearer ${apiKey}` });
      await send('GET', '/v1/api-keys', headers);
      await send('GET', '/v1/members', { authorization: `Bearer bf_${CANARY}` });
      const invite = (await send('POST', '/v1/invites', headers, { role: 'viewer' })).json();
      const inviteToken = new URL(invite.invite_url).searchParams.get('token')!;
      await send('POST', '/v1/invites/accept', {}, { token: inviteToken, username: 'invitee', password: `${CANARY}-invitee` });
      await send('POST', '/v1/me/password', headers, { current_password: `${CANARY}-bad`, new_password: `${CANARY}-new-pass` });
      await send('POST', '/v1/me/password', headers, { current_password: password, new_password: `${CANARY}-new-pass` });
      await send('GET', '/v1/audit-logs?limit=200', headers);
      await send('DELETE', '/v1/app-credentials/twitch', headers);
      const stored = await rt.store.db.selectFrom('audit_events').selectAll().execute();
      bodies.push(JSON.stringify(stored));
      expect(stored.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'app_credentials.saved', 'api_key.created', 'auth.password_changed']));
    } finally {
      await app.close();
      await rt.close();
    }
    expect(apiKey).toMatch(/^bf_/);
    for (const text of [rt.logs.text(), ...bodies]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(apiKey);
    }
  });
  it('refresh tokens, the internal key, service keys, webhook secrets and token-server ids stay out of logs, errors, events and audit', async () => {
    const fake = await startFakeTwitch({ knobs: { refreshMode: refreshModes.strict }, clients: [{ clientId: 'canary-twitch', clientSecret: `${CANARY}-twitch-secret` }] });
    const rt = await tokensRuntime({ fake: fake as never, logLevel: 'trace', env: { INTERNAL_SERVICE_KEY: `${CANARY}-internal` }, overrides: { metrics: { enabled: true } } });
    const app = await buildApp(rt);
    const bodies: string[] = [];
    const secrets: string[] = [`${CANARY}-internal`, `${CANARY}-twitch-secret`];
    const handedOut: string[] = [];
    try {
      const send = async (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) => {
        const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
        bodies.push(JSON.stringify(res.headers), res.body);
        return res;
      };
      const owner = await memberSession(app, rt, { role: 'owner' });
      const internal = { 'x-internal-secret': `${CANARY}-internal` };
      const rows = [];
      for (let i = 0; i < 4; i++) rows.push(await seedIntegration(rt, fake as never, { accountId: owner.accountId, expiresInMs: -1000, botIdentifier: `canary-${i}` }));
      const [ok, down, dead, lost] = rows as [typeof rows[0], typeof rows[0], typeof rows[0], typeof rows[0]];
      for (const r of rows) secrets.push(storedTokens(rt, r).refreshToken!);
      // The one response that carries a secret by design (its creation) is kept apart.
      const key = (await app.inject({ method: 'POST', url: '/v1/service-keys', headers: owner.headers, payload: { name: 'canary bot' } })).json().key as string;
      const hook = (await app.inject({ method: 'POST', url: '/v1/webhooks', headers: owner.headers, payload: { url: 'http://127.0.0.1:1/hook', events: ['token.refreshed', 'token.needs_reauth'] } })).json().secret as string;
      const tsv = (await app.inject({ method: 'POST', url: `/v1/integrations/${ok.id}/token-server`, headers: owner.headers })).json().token_server_id as string;
      secrets.push(key, hook, tsv);
      handedOut.push((await send('POST', `/internal/integrations/${ok.id}/token`, internal)).json().access_token as string);
      handedOut.push((await send('GET', `/v1/token-server?id=${tsv}`, {})).body);
      await send('POST', `/internal/integrations/${ok.id}/token`, { 'x-internal-secret': `${CANARY}-wrong` });
      await send('POST', `/internal/integrations/${ok.id}/token`, { authorization: `Bearer bfs_${CANARY}` });
      await send('POST', `/internal/integrations/${ok.id}/token/invalid`, { authorization: `Bearer ${key}` });
      fake.knobs.forceStatus = 503;
      await send('POST', `/internal/integrations/${down.id}/token`, { authorization: `Bearer ${key}` });
      fake.knobs.forceStatus = null;
      fake.state.revokeUser(dead.platform_user_id);
      await send('POST', `/internal/integrations/${dead.id}/token`, internal);
      fake.knobs.dropAfterRotate = true;
      await send('POST', `/internal/integrations/${lost.id}/token`, internal);
      fake.knobs.dropAfterRotate = false;
      await send('POST', `/v1/integrations/${down.id}/refresh`, owner.headers);
      await createWorker(rt).tick({ settle: true });
      await rt.consumers.flushReads();
      await send('GET', `/v1/integrations/${ok.id}`, owner.headers);
      await send('GET', '/v1/service-keys', owner.headers);
      await send('GET', '/v1/webhooks', owner.headers);
      await send('GET', '/v1/notifications', owner.headers);
      await send('GET', '/metrics', {});
      for (const table of ['audit_events', 'token_events', 'notifications', 'webhook_deliveries', 'consumer_reads'] as const) {
        bodies.push(JSON.stringify(await rt.store.db.selectFrom(table).selectAll().execute()));
      }
    } finally {
      await app.close();
      await rt.close();
      await fake.close();
    }
    expect(handedOut.every((t) => /^[a-z0-9]{30}$/.test(t))).toBe(true);
    for (const text of [rt.logs.text(), ...bodies]) {
      expect(text).not.toContain(CANARY);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // Access tokens go to consumers only: never to a log.
    for (const t of handedOut) expect(rt.logs.text()).not.toContain(t);
  });

  it('secrets sent through GraphQL (client secrets, tool passwords, JWTs, passwords) and the keys it creates stay out of logs, errors and audit', async () => {
    const rt = await testRuntime({ logLevel: 'trace' });
    const app = await buildApp(rt);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ channel: 'gql' })}.${CANARY}sigGqlx`;
    const bodies: string[] = [];
    const created: string[] = [];
    try {
      const { headers } = await memberSession(app, rt, { role: 'owner' });
      const gql = async (query: string, variables: Record<string, unknown> = {}, as = headers) => {
        const res = await app.inject({ method: 'POST', url: '/graphql', headers: as, payload: { query, variables } });
        bodies.push(JSON.stringify(res.headers), res.body);
        return res.json() as { data?: Record<string, any> | null };
      };
      const save = 'mutation ($p: String!, $s: String!) { saveAppCredentials(platform: $p, clientId: "canary-client", clientSecret: $s) { clientIdHint } }';
      expect((await gql(save, { p: 'twitch', s: `${CANARY}-secret` })).data?.saveAppCredentials).toEqual({ clientIdHint: 'ient' });
      await gql(save, { p: 'myspace', s: `${CANARY}-secret` });
      expect((await gql('mutation ($i: CreateToolInput!) { createTool(input: $i) { id hasPassword } }', { i: { kind: 'STREAMERBOT', port: 8081, password: `${CANARY}-tool` } })).data?.createTool.hasPassword).toBe(true);
      await gql('mutation ($i: CreateToolInput!) { createTool(input: $i) { id } }', { i: { kind: 'OBS', port: 99999, password: `${CANARY}-tool` } });
      await gql('mutation ($i: AddStreamElementsTokenInput!) { addStreamElementsToken(input: $i) { displayHint } }', { i: { platform: 'twitch', token: jwt } });
      await gql('mutation ($i: AddStreamElementsTokenInput!) { addStreamElementsToken(input: $i) { id } }', { i: { platform: 'twitch', token: `${CANARY}.not-a-jwt` } });
      await gql('mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: `${CANARY}-wrong`, n: `${CANARY}-new-pass` });
      // Creation answers exist to hand a key out once; they are kept apart and must appear nowhere else.
      const keep = async (query: string, pick: (d: Record<string, any>) => string) => {
        const res = await app.inject({ method: 'POST', url: '/graphql', headers, payload: { query } });
        created.push(pick(res.json().data));
      };
      await keep('mutation { createApiKey(input: { name: "gql", permissions: ["connections:read"] }) { key } }', (d) => d.createApiKey.key);
      await keep('mutation { createServiceKey(input: { name: "gql bot" }) { key } }', (d) => d.createServiceKey.key);
      await keep('mutation { createWebhook(input: { url: "http://127.0.0.1:1/h", events: ["token.refreshed"] }) { secret } }', (d) => d.createWebhook.secret);
      await gql('{ integrationPlatforms { slug } tools { id hasPassword } }', {}, { authorization: `Bearer ${created[0]}` });
      await gql('{ tools { id } }', {}, { authorization: `Bearer bf_${CANARY}` });
      await gql('{ appCredentials { clientIdHint } streamElementsTokens { displayHint } apiKeys { prefix } serviceKeys { prefix } webhooks { url } }');
      await gql('{ auditLogs(first: 200) { edges { node { action details } } } }');
      const get = await app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('query ($p: String!) { integrationScopes(platform: $p) { platform } }')}&variables=${encodeURIComponent(JSON.stringify({ p: CANARY }))}`, headers: { cookie: headers.cookie! } });
      bodies.push(get.body);
      bodies.push(JSON.stringify(await rt.store.db.selectFrom('audit_events').selectAll().execute()));
    } finally {
      await app.close();
      await rt.close();
    }
    expect(created).toHaveLength(3);
    for (const text of [rt.logs.text(), ...bodies]) {
      expect(text).not.toContain(CANARY);
      for (const secret of created) expect(text).not.toContain(secret);
    }
  });
});
