/**
 * The access matrix (acceptance: tenant isolation and role × route). Every route under /v1 must have
 * a case in test/access/cases/<capability>.ts; for each case the harness proves that
 * - anonymous callers get 401 (unless public),
 * - each role of account B (owner, admin, editor, viewer, a custom role) gets exactly what its
 *   permissions allow (the case's status, else 403), and an API key works with just that permission
 *   and is refused with every other one,
 * - a member of account A gets 404 for B's objects (or, for routes on the caller's own account, never
 *   sees B's data), also when naming B in X-Bifrost-Account.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyPluginAsync } from 'fastify';
import { buildApp, type App } from '../src/http/app.ts';
import { routeModules } from '../src/http/routes/index.ts';
import { requiresAccessDeclaration, type RouteAccess } from '../src/http/route-access.ts';
import { PERMISSIONS, type Permission } from '../src/access/permissions.ts';
import { BUILTIN_ROLES } from '../src/accounts/builtin-roles.ts';
import { testRuntime, type TestRuntime } from './support/runtime.ts';
import { storeTargets } from './support/stores.ts';
import { createApiKey, createMember, signIn } from './support/auth.ts';
import { startAllFakes, type AllFakes } from '../src/platforms/testing.ts';
import type { AccessCase, Caller, CaseContext, CaseRequest, MatrixRole } from './access/types.ts';

const CASE_DIR = join(import.meta.dirname, 'access', 'cases');
const loaded: { file: string; c: AccessCase }[] = [];
for (const file of readdirSync(CASE_DIR).filter((f) => f.endsWith('.ts')).sort()) {
  const mod = (await import(pathToFileURL(join(CASE_DIR, file)).href)) as { cases?: AccessCase[] };
  for (const c of mod.cases ?? []) loaded.push({ file, c });
}

/** The custom role of the matrix: a read-mostly mix that matches no built-in role. */
const CUSTOM_PERMISSIONS: Permission[] = ['connections:read', 'audit:read', 'api-keys:read', 'tokens:read'];
const ROLES: MatrixRole[] = ['owner', 'admin', 'editor', 'viewer', 'custom'];

function roleHas(role: MatrixRole, p: Permission): boolean {
  return role === 'custom' ? CUSTOM_PERMISSIONS.includes(p) : BUILTIN_ROLES[role].has(p);
}

interface Member extends Caller {
  headers: Record<string, string>;
}

const key = (method: string, url: string) => `${method} ${url}`;

for (const target of storeTargets()) describe(`access matrix [${target.name}]`, () => {
  let rt: TestRuntime;
  let app: App;
  // The platform fakes with instance credentials, so routes that talk to a platform do so for real.
  let fakes: AllFakes;
  const routes = new Map<string, RouteAccess | undefined>();
  let B: { accountId: string; ownerUserId: string; customRole: string };
  const members = {} as Record<MatrixRole, Member>;
  let outsider: Member;
  let instanceAdmin: Member;

  async function member(role: string, accountId: string | undefined, as: Caller['role'], instanceAdminFlag = false): Promise<Member> {
    const m = await createMember(rt, { role, ...(accountId ? { accountId } : {}), instanceAdmin: instanceAdminFlag });
    const { headers } = await signIn(app, m);
    return { userId: m.userId, username: m.username, password: m.password, role: as, headers: { ...headers, 'x-bifrost-account': m.accountId } };
  }

  beforeAll(async () => {
    fakes = await startAllFakes();
    rt = await testRuntime({ store: await target.open(), env: fakes.env, platformBaseUrls: fakes.baseUrls });
    // Collect every route as it is registered (a non-encapsulated plugin registered first sees them all).
    const plugin: FastifyPluginAsync = async (instance) => {
      instance.addHook('onRoute', (route) => {
        for (const m of [route.method].flat()) if (m !== 'HEAD') routes.set(key(m, route.url), route.config?.access);
      });
    };
    const collector = plugin as FastifyPluginAsync & Record<symbol, boolean>;
    collector[Symbol.for('skip-override')] = true;
    (routeModules as unknown as unknown[]).unshift(() => collector);
    try {
      app = await buildApp(rt);
    } finally {
      (routeModules as unknown as unknown[]).shift();
    }
    members.owner = await member('owner', undefined, 'owner');
    const accountId = members.owner.headers['x-bifrost-account']!;
    const now = Date.now();
    const customRole = 'rol_matrixcustom';
    await rt.store.db
      .insertInto('roles')
      .values({ id: customRole, account_id: accountId, name: 'Matrix custom', permissions: JSON.stringify(CUSTOM_PERMISSIONS), created_at: now, updated_at: now })
      .execute();
    B = { accountId, ownerUserId: members.owner.userId, customRole };
    for (const role of ['admin', 'editor', 'viewer'] as const) members[role] = await member(role, accountId, role);
    members.custom = await member(customRole, accountId, 'custom');
    outsider = await member('owner', undefined, 'outsider');
    instanceAdmin = await member('owner', undefined, 'instance_admin', true);
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
    await fakes?.close();
  });

  function context(caller: Caller | undefined): CaseContext {
    return {
      rt,
      app,
      fakes,
      target: { accountId: B.accountId, ownerUserId: B.ownerUserId, ownerHeaders: members.owner.headers },
      caller,
      newTargetAccount: async () => {
        const name = `Target ${Math.random().toString(36).slice(2, 10)}`;
        const now = Date.now();
        const id = `acc_t${Math.random().toString(36).slice(2, 14)}`;
        await rt.store.db.insertInto('accounts').values({ id, name, created_at: now, updated_at: now }).execute();
        await rt.store.db.insertInto('memberships').values({ account_id: id, user_id: B.ownerUserId, role: 'owner', created_at: now }).execute();
        const role = caller && (ROLES as string[]).includes(caller.role) ? (caller.role === 'custom' ? B.customRole : caller.role) : undefined;
        if (role && caller && caller.userId !== B.ownerUserId) {
          await rt.store.db.insertInto('memberships').values({ account_id: id, user_id: caller.userId, role, created_at: now }).execute();
        }
        return { id, name };
      },
      newMember: async (role) => {
        const m = await createMember(rt, { role, accountId: B.accountId });
        return { userId: m.userId, username: m.username, password: m.password };
      },
    };
  }

  function url(c: AccessCase, req: CaseRequest): string {
    let path = c.url.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
      const v = req.params?.[name];
      if (v === undefined) throw new Error(`${key(c.method, c.url)}: setup gave no value for :${name}`);
      return encodeURIComponent(v);
    });
    if (req.query) path += `?${new URLSearchParams(req.query).toString()}`;
    return path;
  }

  async function attempt(c: AccessCase, caller: Caller | undefined, headers: Record<string, string>, withCaseHeaders = c.access && !('consumer' in c.access)) {
    const req = c.setup ? await c.setup(context(caller)) : {};
    const res = await app.inject({
      method: c.method,
      url: url(c, req),
      headers: { ...headers, ...(withCaseHeaders ? req.headers : {}) },
      ...(req.body === undefined ? {} : { payload: req.body as object }),
      ...(c.stream ? { payloadAsStream: true } : {}),
    });
    if (c.stream) {
      // An open stream is judged by its status line and dropped; a refusal ends, so its body is read.
      const stream = res.stream();
      if (res.statusCode === 200) {
        stream.destroy();
        return { res: { statusCode: res.statusCode, body: '' }, req };
      }
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
      return { res: { statusCode: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }, req };
    }
    return { res, req };
  }

  async function freshOr(c: AccessCase, m: Member): Promise<Member> {
    if (!c.freshCaller) return m;
    const role = m.role === 'custom' ? B.customRole : m.role === 'outsider' ? 'owner' : m.role === 'instance_admin' ? 'owner' : m.role;
    return member(role, m.role === 'outsider' || m.role === 'instance_admin' ? undefined : B.accountId, m.role, m.role === 'instance_admin');
  }

  it('has an access case for every route under /v1, and no case for a route that does not exist', () => {
    const cased = new Set(loaded.map(({ c }) => key(c.method, c.url)));
    const missing = [...routes.keys()].filter((r) => r.split(' ')[1]!.startsWith('/v1') && !cased.has(r));
    const stale = loaded.filter(({ c }) => !routes.has(key(c.method, c.url))).map(({ file, c }) => `${key(c.method, c.url)} (${file})`);
    const duplicates = [...cased].filter((k) => loaded.filter(({ c }) => key(c.method, c.url) === k).length > 1);
    expect(missing, 'routes without a case in test/access/cases/').toEqual([]);
    expect(stale, 'cases for routes that do not exist').toEqual([]);
    expect(duplicates, 'routes with more than one case').toEqual([]);
  });

  it('each case declares the same access as its route', () => {
    const wrong: string[] = [];
    for (const { file, c } of loaded) {
      const declared = routes.get(key(c.method, c.url));
      if (!declared) continue;
      const expected = 'owner' in c.access ? { session: true } : c.access;
      if (JSON.stringify(declared) !== JSON.stringify(expected)) wrong.push(`${key(c.method, c.url)} (${file}): route says ${JSON.stringify(declared)}, case ${JSON.stringify(c.access)}`);
    }
    expect(wrong).toEqual([]);
    expect([...routes.keys()].filter((r) => requiresAccessDeclaration(r.split(' ')[1]!) && !routes.get(r))).toEqual([]);
  });

  for (const { file, c } of loaded) {
    it(`${key(c.method, c.url)} (${file.replace(/\.ts$/, '')}, ${JSON.stringify(c.access)})`, async () => {
      const problems: string[] = [];
      const expectStatus = (who: string, got: number, want: number | number[], body: string) => {
        const ok = Array.isArray(want) ? want.includes(got) : got === want;
        if (!ok) problems.push(`${who}: got ${got}, want ${JSON.stringify(want)} — ${body.slice(0, 200)}`);
      };
      const access = c.access;

      // Anonymous.
      {
        const { res } = await attempt(c, undefined, {});
        const want = 'public' in access ? c.status : 'consumer' in access ? [401, 403] : 401;
        expectStatus('anonymous', res.statusCode, want, res.body);
      }
      if ('public' in access) return expect(problems).toEqual([]);

      if ('consumer' in access) {
        for (const m of [members.owner, instanceAdmin]) {
          const { res } = await attempt(c, m, m.headers);
          expectStatus(`${m.role} session`, res.statusCode, [401, 403], res.body);
        }
        const all = await createApiKey(rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: [...PERMISSIONS] });
        expectStatus('API key', (await attempt(c, undefined, all.headers)).res.statusCode, [401, 403], '');
        if (c.setup) {
          const req = await c.setup(context(undefined));
          if (req.headers) {
            const res = await app.inject({ method: c.method, url: url(c, req), headers: req.headers, ...(req.body === undefined ? {} : { payload: req.body as object }) });
            expectStatus('consumer', res.statusCode, c.status, res.body);
          }
        }
        return expect(problems).toEqual([]);
      }

      // Each role of account B.
      for (const role of ROLES) {
        const m = await freshOr(c, members[role]);
        let want: number;
        if ('permission' in access) want = roleHas(role, access.permission) ? c.status : 403;
        else if ('anyPermission' in access) want = roleHas(role, c.needs ?? access.anyPermission[0]!) ? c.status : 403;
        else if ('owner' in access) want = role === 'owner' ? c.status : 403;
        else if ('instanceAdmin' in access) want = 403;
        else want = c.status;
        const { res } = await attempt(c, m, m.headers);
        expectStatus(`B ${role}`, res.statusCode, want, res.body);
      }

      if ('instanceAdmin' in access) {
        const m = await freshOr(c, instanceAdmin);
        const { res } = await attempt(c, m, m.headers);
        expectStatus('instance admin', res.statusCode, c.status, res.body);
      }

      // API keys: session-level routes refuse them; permission routes need exactly that permission; `authenticated` routes take any.
      if ('permission' in access || 'anyPermission' in access) {
        const needed = 'permission' in access ? access.permission : (c.needs ?? access.anyPermission[0]!);
        const enough = await createApiKey(rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: c.apiKeyPermissions ?? [needed] });
        const ok = await attempt(c, undefined, enough.headers);
        expectStatus(`API key with ${needed}`, ok.res.statusCode, c.apiKeyStatus ?? c.status, ok.res.body);
        const others = await createApiKey(rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: PERMISSIONS.filter((p) => p !== needed) });
        const refused = await attempt(c, undefined, others.headers);
        expectStatus(`API key without ${needed}`, refused.res.statusCode, 403, refused.res.body);
      } else {
        const all = await createApiKey(rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: [...PERMISSIONS] });
        const { res } = await attempt(c, undefined, all.headers);
        expectStatus('API key (all permissions)', res.statusCode, 'authenticated' in access ? c.status : 403, res.body);
      }

      // Tenant isolation: the owner of account A against B's objects.
      if (c.isolation !== 'none') {
        const m = await freshOr(c, outsider);
        const { res, req } = await attempt(c, m, m.headers);
        if (c.isolation === 'not-found') expectStatus('A owner on B object', res.statusCode, 404, res.body);
        else if (res.statusCode >= 500) problems.push(`A owner: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (req.marker && res.body.includes(req.marker)) problems.push(`A owner saw B's data (${req.marker}): ${res.body.slice(0, 300)}`);
        if (c.check) await c.check(context(m), req).catch((err: Error) => problems.push(`after A owner's request: ${err.message}`));
        if ('permission' in access || 'anyPermission' in access) {
          const named = await attempt(c, m, { ...m.headers, 'x-bifrost-account': B.accountId });
          expectStatus('A owner naming B in X-Bifrost-Account', named.res.statusCode, 404, named.res.body);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
