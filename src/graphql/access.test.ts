/**
 * Acceptance (issue 7): the permission matrix and tenant isolation hold for GraphQL exactly as for
 * REST. For every root field: anonymous callers get UNAUTHENTICATED; each role of account B (owner,
 * admin, editor, viewer, a custom role) gets exactly what its permissions allow (success, else
 * FORBIDDEN); an API key works with just that permission and is refused with every other one (a field
 * open to any caller, like the invite preview, works for every role and key);
 * session-only fields refuse API keys; the owner of account A gets NOT_FOUND for B's objects (or
 * never sees B's data), also when naming B in X-Bifrost-Account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../access/permissions.ts';
import { BUILTIN_ROLES } from '../accounts/builtin-roles.ts';
import { createApiKey, createMember, signIn } from '../../test/support/auth.ts';
import { integrationWorld, type IntegrationWorld } from '../../test/support/integrations.ts';
import { codesOf, gql, type GqlResponse } from './testing/client.ts';
import type { Caller, GqlCase, MatrixContext } from './testing/matrix.ts';
import { integrationCases } from './testing/matrix-integrations.ts';
import { accountCases } from './testing/matrix-accounts.ts';
import { chatCases } from './testing/matrix-chat.ts';
import { toolActionCases } from './testing/matrix-tool-actions.ts';
import { graphqlSchema } from './modules.ts';

const CASES = [...integrationCases, ...accountCases, ...chatCases, ...toolActionCases];
/** As in the REST matrix: a read-mostly mix that matches no built-in role. */
const CUSTOM_PERMISSIONS: Permission[] = ['connections:read', 'audit:read', 'api-keys:read', 'tokens:read'];
const ROLES = ['owner', 'admin', 'editor', 'viewer', 'custom'] as const;
type Role = (typeof ROLES)[number];

const roleHas = (role: Role, p: Permission) => (role === 'custom' ? CUSTOM_PERMISSIONS.includes(p) : BUILTIN_ROLES[role].has(p));
const name = (c: GqlCase) => `${c.field}${c.variant ? ` (${c.variant})` : ''}`;

interface Member extends Caller {
  headers: Record<string, string>;
}

describe('GraphQL access matrix', () => {
  let world: IntegrationWorld;
  let B: { accountId: string; ownerUserId: string; customRole: string };
  const members = {} as Record<Role, Member>;
  let outsider: Member;
  let instanceAdmin: Member;

  async function member(role: string, accountId: string | undefined, as: string, admin = false): Promise<Member> {
    const m = await createMember(world.rt, { role, ...(accountId ? { accountId } : {}), instanceAdmin: admin });
    const { headers } = await signIn(world.app, m);
    return { userId: m.userId, username: m.username, password: m.password, role: as, headers: { ...headers, 'x-bifrost-account': m.accountId } };
  }

  beforeAll(async () => {
    world = await integrationWorld();
    members.owner = { ...(await member('owner', undefined, 'owner')) };
    const accountId = members.owner.headers['x-bifrost-account']!;
    const now = Date.now();
    const customRole = 'rol_gqlmatrixcustom';
    await world.rt.store.db
      .insertInto('roles')
      .values({ id: customRole, account_id: accountId, name: 'Matrix custom', permissions: JSON.stringify(CUSTOM_PERMISSIONS), created_at: now, updated_at: now })
      .execute();
    B = { accountId, ownerUserId: members.owner.userId, customRole };
    for (const role of ['admin', 'editor', 'viewer'] as const) members[role] = await member(role, accountId, role);
    members.custom = await member(customRole, accountId, 'custom');
    outsider = await member('owner', undefined, 'outsider');
    instanceAdmin = await member('owner', undefined, 'instance_admin', true);
  });
  afterAll(async () => world?.close());

  function context(caller: Caller | undefined): MatrixContext {
    return {
      rt: world.rt,
      app: world.app,
      fakes: world.fakes,
      B,
      caller,
      newMember: async (role) => {
        const m = await createMember(world.rt, { role, accountId: B.accountId });
        return { userId: m.userId, username: m.username, password: m.password, role };
      },
      newTargetAccount: async () => {
        const id = `acc_t${Math.random().toString(36).slice(2, 14)}`;
        const accountName = `Target ${id}`;
        const now = Date.now();
        const db = world.rt.store.db;
        await db.insertInto('accounts').values({ id, name: accountName, created_at: now, updated_at: now }).execute();
        await db.insertInto('memberships').values({ account_id: id, user_id: B.ownerUserId, role: 'owner', created_at: now }).execute();
        const role = caller && (ROLES as readonly string[]).includes(caller.role) ? (caller.role === 'custom' ? B.customRole : caller.role) : undefined;
        if (role && caller && caller.userId !== B.ownerUserId) await db.insertInto('memberships').values({ account_id: id, user_id: caller.userId, role, created_at: now }).execute();
        return { id, name: accountName };
      },
    };
  }

  async function attempt(c: GqlCase, caller: Caller | undefined, headers: Record<string, string>): Promise<{ res: GqlResponse; marker?: string | undefined }> {
    const op = await c.op(context(caller));
    return { res: await gql(world.app, headers, op.query, op.variables), marker: op.marker };
  }

  async function fresh(c: GqlCase, m: Member): Promise<Member> {
    if (!c.freshCaller) return m;
    const role = m.role === 'custom' ? B.customRole : m.role === 'outsider' || m.role === 'instance_admin' ? 'owner' : m.role;
    return member(role, m.role === 'outsider' || m.role === 'instance_admin' ? undefined : B.accountId, m.role, m.role === 'instance_admin');
  }

  it('has a case for every query and mutation field', () => {
    const schema = graphqlSchema();
    const fields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()));
    const cased = new Set(CASES.map((c) => c.field));
    expect(fields.filter((f) => !cased.has(f))).toEqual([]);
    expect([...cased].filter((f) => !fields.includes(f))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${name(c)} ${JSON.stringify(c.access)}`, async () => {
      const problems: string[] = [];
      const ok = (who: string, res: GqlResponse, code?: string) => {
        const good = code ? codesOf(res).join() === code : res.status === 200 && res.errors === undefined;
        if (!good) problems.push(`${who}: want ${code ?? 'success'}, got ${res.status} ${res.body.slice(0, 240)}`);
      };
      const access = c.access;

      // Anonymous: refused by the auth hook before any resolver runs.
      const anonymous = (await attempt(c, undefined, {})).res;
      if (anonymous.status !== 401 || codesOf(anonymous).join() !== 'UNAUTHENTICATED') problems.push(`anonymous: ${anonymous.status} ${anonymous.body.slice(0, 200)}`);

      for (const role of ROLES) {
        const m = await fresh(c, members[role]);
        const { res } = await attempt(c, m, m.headers);
        const allowed = 'permission' in access ? roleHas(role, access.permission) : 'owner' in access ? role === 'owner' : 'session' in access || 'authenticated' in access;
        ok(`B ${role}`, res, allowed ? c.allowedCode : 'FORBIDDEN');
      }
      if ('instanceAdmin' in access) {
        const m = await fresh(c, instanceAdmin);
        ok('instance admin', (await attempt(c, m, m.headers)).res, c.allowedCode);
      }

      if ('permission' in access) {
        const enough = await createApiKey(world.rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: c.apiKeyPermissions ?? [access.permission] });
        ok(`API key with ${(c.apiKeyPermissions ?? [access.permission]).join('+')}`, (await attempt(c, undefined, enough.headers)).res, c.apiKeyCode ?? c.allowedCode);
        const others = await createApiKey(world.rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: PERMISSIONS.filter((p) => p !== access.permission) });
        ok(`API key without ${access.permission}`, (await attempt(c, undefined, others.headers)).res, c.apiKeyCode ?? 'FORBIDDEN');
      } else {
        const all = await createApiKey(world.rt, { accountId: B.accountId, userId: B.ownerUserId, permissions: [...PERMISSIONS] });
        // Session-only, owner-only and admin fields refuse API keys; a field open to any caller does not.
        ok('API key (all permissions)', (await attempt(c, undefined, all.headers)).res, 'authenticated' in access ? c.allowedCode : 'FORBIDDEN');
      }

      if (c.isolation !== 'none') {
        const m = await fresh(c, outsider);
        const { res, marker } = await attempt(c, m, m.headers);
        if (c.isolation === 'not-found') ok('A owner on B object', res, 'NOT_FOUND');
        else if (res.status >= 500 || codesOf(res).includes('INTERNAL')) problems.push(`A owner: ${res.status} ${res.body.slice(0, 200)}`);
        if (marker && res.body.includes(marker)) problems.push(`A owner saw B's data (${marker}): ${res.body.slice(0, 300)}`);
        if ('permission' in access) {
          const named = (await attempt(c, m, { ...m.headers, 'x-bifrost-account': B.accountId })).res;
          if (named.status !== 404 || codesOf(named).join() !== 'NOT_FOUND') problems.push(`A owner naming B: ${named.status} ${named.body.slice(0, 200)}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
