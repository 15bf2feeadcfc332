/**
 * The GraphQL access matrix's vocabulary and the objects its cases create in account B. The shared
 * REST harness (test/access-matrix.test.ts) judges routes by HTTP status; GraphQL answers 200 with
 * errors beside data, so the GraphQL matrix (src/graphql/access.test.ts) judges by error code.
 */
import type { App } from '../../http/app.ts';
import type { Permission } from '../../access/permissions.ts';
import type { PlatformSlug } from '../../config/schema.ts';
import type { TestRuntime } from '../../../test/support/runtime.ts';
import type { AllFakes } from '../../platforms/testing.ts';
import { connectWithFake } from '../../platforms/testing.ts';
import { storeNewIntegration } from '../../integrations/store-tokens.ts';
import { prefixedId, randomToken } from '../../crypto/random.ts';
import { encryptSecret } from '../../crypto/envelope.ts';
import { sha256Hex } from '../../crypto/hash.ts';

/** Who may run a root field: its REST route's access, plus `owner` for owner-only account operations. */
export type GqlAccess = { permission: Permission } | { session: true } | { owner: true } | { instanceAdmin: true } | { authenticated: true };

export interface GqlOp {
  query: string;
  variables?: Record<string, unknown>;
  /** Text identifying B's object: it must never reach another account's member. */
  marker?: string;
}

export interface Caller {
  userId: string;
  username: string;
  password: string;
  role: string;
}

export interface MatrixContext {
  rt: TestRuntime;
  app: App;
  fakes: AllFakes;
  B: { accountId: string; ownerUserId: string };
  /** Who is about to run the operation (undefined: anonymous or an API key). */
  caller: Caller | undefined;
  newMember(role: string): Promise<Caller>;
  /** A fresh account owned by B's owner in which the caller (a member of B) has the same role. */
  newTargetAccount(): Promise<{ id: string; name: string }>;
}

export interface GqlCase {
  /** The root field the case runs (the matrix checks every field has a case). */
  field: string;
  /** Distinguishes several cases of one field (e.g. channel and bot). */
  variant?: string;
  access: GqlAccess;
  op: (ctx: MatrixContext) => Promise<GqlOp> | GqlOp;
  /**
   * How the owner of account A fares with B's objects: `not-found` (addressed by id), `own-account`
   * (acts on A; B's marker must not appear), `none` (not account-scoped).
   */
  isolation: 'not-found' | 'own-account' | 'none';
  /** What an API key needs to succeed (default: just the permission). */
  apiKeyPermissions?: Permission[];
  /** The code every API key gets, allowed or not (connecting needs a browser session). */
  apiKeyCode?: string;
  /** The code an allowed caller gets past the permission check (tool actions on a tool nobody holds: TOOL_NOT_CONNECTED). */
  allowedCode?: string;
  /** The operation changes the caller's credentials: a fresh member per attempt. */
  freshCaller?: boolean;
}

export const unique = (): string => randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, 'x');

export interface Made {
  id: string;
  marker: string;
}

/** An integration of B (or a global bot) holding real tokens from the platform's fake. */
export async function integrationIn(ctx: MatrixContext, platform: PlatformSlug, type: 'channel' | 'bot', owner: 'B' | 'global' = 'B'): Promise<Made> {
  const fake = ctx.fakes.fakes[platform];
  const adapter = ctx.rt.platforms.get(platform)!;
  const { tokens } = await connectWithFake(adapter, fake, { redirectUri: `${ctx.rt.config.server.public_url}/v1/integrations/callback/${platform}` });
  const identity = await adapter.whoami({ credentials: fake.credentials, accessToken: tokens.accessToken });
  const accountId = owner === 'B' ? ctx.B.accountId : null;
  const outcome = await storeNewIntegration(ctx.rt, adapter, {
    tx: {
      id: 'matrix',
      platform,
      accountId,
      userId: ctx.B.ownerUserId,
      sessionHash: 'matrix',
      integrationType: type,
      botIdentifier: type === 'bot' ? `m-${unique()}` : null,
      integrationId: null,
      isGlobal: owner === 'global',
      scopes: [],
    },
    tokens,
    identity,
    scopes: tokens.scopes ?? [],
    clientId: fake.credentials.clientId,
  });
  if (!outcome.ok) throw new Error(`could not store a ${platform} ${type}: ${outcome.error}`);
  return { id: outcome.id, marker: outcome.id };
}

/** B's channel on `platform`, made once (an account has one channel per platform). */
export async function channelIn(ctx: MatrixContext, platform: PlatformSlug): Promise<Made> {
  const row = await ctx.rt.store.db
    .selectFrom('integrations')
    .select('id')
    .where('account_id', '=', ctx.B.accountId)
    .where('platform', '=', platform)
    .where('integration_type', '=', 'channel')
    .executeTakeFirst();
  return row ? { id: row.id, marker: row.id } : integrationIn(ctx, platform, 'channel');
}

const sharedBots = new WeakMap<object, Map<string, Promise<Made>>>();

/** One bot of B per platform shared by the cases that do not consume it. */
export function sharedBot(ctx: MatrixContext, platform: PlatformSlug): Promise<Made> {
  let bots = sharedBots.get(ctx.rt);
  if (!bots) sharedBots.set(ctx.rt, (bots = new Map()));
  let bot = bots.get(platform);
  if (!bot) bots.set(platform, (bot = integrationIn(ctx, platform, 'bot')));
  return bot;
}

/** A custom role with no permissions in B: anyone holding members:edit may grant it. */
export async function emptyRole(ctx: MatrixContext): Promise<string> {
  const id = prefixedId('rol');
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db.insertInto('roles').values({ id, account_id: ctx.B.accountId, name: `r-${unique()}`, permissions: '[]', created_at: now, updated_at: now }).execute();
  return id;
}

export async function inviteIn(ctx: MatrixContext, role: string): Promise<string> {
  const id = prefixedId('inv');
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db
    .insertInto('invites')
    .values({ id, account_id: ctx.B.accountId, token_hash: sha256Hex(randomToken(32)), role, created_by: ctx.B.ownerUserId, created_at: now, expires_at: now + 3_600_000, used_at: null, used_by: null })
    .execute();
  return id;
}

/** An unused invite to B, returning its token (what the invite link carries). */
export async function inviteTokenIn(ctx: MatrixContext, role: string): Promise<string> {
  const token = randomToken(32);
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db
    .insertInto('invites')
    .values({ id: prefixedId('inv'), account_id: ctx.B.accountId, token_hash: sha256Hex(token), role, created_by: ctx.B.ownerUserId, created_at: now, expires_at: now + 3_600_000, used_at: null, used_by: null })
    .execute();
  return token;
}

/** B's own Kick credentials, whose client id ends in a hint no other answer contains. */
export async function credentialsIn(ctx: MatrixContext): Promise<string> {
  const id = prefixedId('acr');
  const now = ctx.rt.clock.now();
  await ctx.rt.store.db
    .insertInto('app_credentials')
    .values({
      id,
      account_id: ctx.B.accountId,
      platform: 'kick',
      client_id: 'b-client-#B4#',
      client_secret_enc: encryptSecret(ctx.rt.keyring, 'b-secret', { table: 'app_credentials', column: 'client_secret_enc', rowId: id }),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['account_id', 'platform']).doNothing())
    .execute();
  return '#B4#';
}
