/**
 * What every chat and moderation call shares: the platform's chat adapter, the sender and channel
 * (sender.ts), the sender's token through the one token path (the consumers capability: read, and on
 * a 401 one forced refresh via the 401 report), the shared limits with their wait (limits.ts), and
 * how a platform's 429 becomes a block for every instance.
 */
import type { Deps } from '../deps.ts';
import type { ConsumerService } from '../consumers/service.ts';
import type { Consumer } from '../consumers/consumer.ts';
import type { ChatAdapter, ChatCall, ChatCapabilities, ChatOperation } from '../platforms/chat-types.ts';
import type { ClientCredentials, PlatformAdapter } from '../platforms/types.ts';
import type { IntegrationRow } from '../integrations/model.ts';
import type { PlatformSlug } from '../config/schema.ts';
import { credentialsFor } from '../integrations/credentials.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { isPlatformError } from '../platforms/errors.ts';
import type { Caller } from '../access/caller.ts';
import type { ChatService } from './service.ts';
import { resolveSpeakers, type SenderSpec } from './sender.ts';
import { blockSender, blockedUntil, effectiveLimit, releaseSlot, takeSlot, touchSlots, type LimitRule } from './limits.ts';

/** Slots an operation holds: given back if the platform is never called, moved to the answer's time otherwise. */
export interface Held {
  rule: LimitRule;
  slotId?: string | undefined;
}

export type ChatDeps = Deps & { readonly consumers: Pick<ConsumerService, 'readToken' | 'reportInvalid'>; readonly chat: ChatService };

/** Chat reads tokens as the instance itself (counted under the internal consumer). */
const CHAT_CONSUMER: Consumer = Object.freeze({ kind: 'internal', id: 'internal', label: 'chat' });

/** Seconds a platform 429 without Retry-After blocks the sender. */
const DEFAULT_BLOCK_S = 30;

export interface Acting {
  adapter: PlatformAdapter;
  chat: ChatAdapter;
  caps: ChatCapabilities;
  platform: PlatformSlug;
  sender: IntegrationRow;
  channel: IntegrationRow;
  credentials: ClientCredentials;
  liveChatId?: string | undefined;
}

/** The platform's chat adapter and capabilities, or 404 (unknown platform) / 400 (no chat). */
export function chatOf(deps: Pick<Deps, 'platforms'>, platform: string): { adapter: PlatformAdapter; chat: ChatAdapter; caps: ChatCapabilities; platform: PlatformSlug } {
  const adapter = deps.platforms.get(platform as PlatformSlug);
  if (!adapter) throw new AppError('NOT_FOUND', `unknown platform "${platform}"`);
  const caps = adapter.capabilities.chat;
  if (!adapter.chat || !caps) throw new AppError('CHAT_UNSUPPORTED', `${adapter.name} chat is not available`, { details: { platform } });
  return { adapter, chat: adapter.chat, caps, platform: adapter.slug };
}

export async function prepare(deps: ChatDeps, caller: Caller, platform: string, spec: SenderSpec | undefined, scopes: 'send' | 'delete' | 'moderate'): Promise<Acting> {
  const base = chatOf(deps, platform);
  const { sender, channel } = await resolveSpeakers(deps, caller, base.adapter, spec ?? 'bot', base.caps.scopes[scopes], base.caps.channelScopes?.[scopes] ?? []);
  // Chat calls carry the client the token was issued to (Twitch's Client-Id, Trovo's Client-ID) and
  // never its secret, so the app's credentials are not read: a client whose credentials changed since
  // is the refresh path's concern, not the send's.
  return { ...base, sender, channel, credentials: { clientId: sender.client_id } };
}

/** A dead token (not a missing scope): the platform took nothing, and a refreshed token may succeed. */
const isUnauthorized = (err: unknown): boolean => isPlatformError(err) && err.oauthError !== 'insufficient_scope' && (err.httpStatus === 401 || err.oauthError === 'invalid_token');

function callOf(deps: ChatDeps, a: Acting, accessToken: string, as: IntegrationRow, credentials: ClientCredentials): ChatCall {
  return {
    credentials,
    accessToken,
    senderId: as.platform_user_id,
    broadcasterId: a.channel.platform_user_id,
    channelId: deps.chat.channelIdOf(a.channel.id),
    liveChatId: a.liveChatId,
  };
}

/** The adapter asked for the channel id before calling anything (it differs from the owner's user id: Trovo). */
const needsChannelId = (err: unknown): boolean => isAppError(err) && err.code === 'VALIDATION_FAILED' && err.details?.field === 'channel_id';

/** Learns the channel's platform channel id from who its token belongs to, once per runtime. */
async function learnChannelId(deps: ChatDeps, a: Acting): Promise<void> {
  const token = await deps.consumers.readToken(CHAT_CONSUMER, a.channel.id);
  const credentials = (await credentialsFor(deps, a.channel)) ?? { clientId: a.channel.client_id };
  const identity = await a.adapter.whoami({ credentials, accessToken: token.access_token });
  deps.chat.rememberChannelId(a.channel.id, identity.channelId ?? identity.platformUserId);
}

/**
 * Runs a platform call with the sender's token. A 401 means the platform took nothing, so the call
 * is retried once after one forced refresh; any other failure is never retried here (a send that
 * timed out after it was written may have been delivered). A 429 blocks the sender for every instance.
 */
export async function withToken<T>(deps: ChatDeps, a: Acting, run: (call: ChatCall) => Promise<T>, as: IntegrationRow = a.sender): Promise<T> {
  // The channel's own calls (YouTube's discovery) use the client its tokens were issued to.
  const credentials = as === a.sender ? a.credentials : { clientId: as.client_id };
  let first = await deps.consumers.readToken(CHAT_CONSUMER, as.id);
  try {
    return await run(callOf(deps, a, first.access_token, as, credentials));
  } catch (err) {
    if (needsChannelId(err) && !deps.chat.channelIdOf(a.channel.id)) {
      // Refused before any request was made: learn the id and call once more.
      await learnChannelId(deps, a);
      first = await deps.consumers.readToken(CHAT_CONSUMER, as.id);
      try {
        return await run(callOf(deps, a, first.access_token, as, credentials));
      } catch (again) {
        if (!isUnauthorized(again)) throw await platformFailure(deps, a, again);
      }
    } else if (!isUnauthorized(err)) throw await platformFailure(deps, a, err);
  }
  const renewed = await deps.consumers.reportInvalid(CHAT_CONSUMER, as.id);
  try {
    return await run(callOf(deps, a, renewed.access_token, as, credentials));
  } catch (err) {
    throw await platformFailure(deps, a, err);
  }
}

/** A platform 429 → a block until its Retry-After for every instance, answered as RATE_LIMITED. */
async function platformFailure(deps: ChatDeps, a: Acting, err: unknown): Promise<unknown> {
  if (isPlatformError(err) && err.oauthError === 'insufficient_scope') {
    const where = a.sender.integration_type === 'bot' ? 'Bot Connections' : 'Connections';
    return new AppError('SCOPE_MISSING', `${a.adapter.name} says "${a.sender.platform_username}" lacks a scope this call needs: Reconnect to grant it (on ${where})`, {
      details: { integration_id: a.sender.id, platform: a.platform },
    });
  }
  if (!isPlatformError(err) || err.httpStatus !== 429) return err;
  const retryAfter = Math.max(1, Math.ceil(err.retryAfter ?? DEFAULT_BLOCK_S));
  await blockSender(deps, a.sender.id, deps.clock.now() + retryAfter * 1000);
  deps.log.warn({ platform: a.platform, integration: a.sender.id, retryAfter }, 'the platform rate-limited this sender; blocked on every instance until its Retry-After');
  return new AppError('RATE_LIMITED', `${a.adapter.name} refused: too many requests from "${a.sender.platform_username}"; retry in ${retryAfter} s`, {
    retryAfter,
    details: { platform: a.platform, source: 'platform' },
  });
}

/** The window limit of this sender in this channel: elevated for a broadcaster or moderator, verified bots' when set. */
async function windowRule(deps: ChatDeps, a: Acting): Promise<LimitRule | undefined> {
  const limit = effectiveLimit(deps.config, a.platform, a.caps.limit);
  if (limit.kind !== 'window') return undefined;
  let messages = limit.messages;
  if (limit.verifiedMessages !== undefined && a.sender.is_verified_bot === 1) messages = Math.max(messages, limit.verifiedMessages);
  if (limit.elevatedMessages !== undefined) {
    const role = await roleOf(deps, a);
    if (role !== 'viewer') messages = Math.max(messages, limit.elevatedMessages);
  }
  return { kind: 'window', key: `win:${a.platform}:${a.sender.id}:${a.channel.id}`, windowMs: limit.windowMs, limit: messages };
}

async function roleOf(deps: ChatDeps, a: Acting): Promise<'broadcaster' | 'moderator' | 'viewer'> {
  if (a.sender.platform_user_id === a.channel.platform_user_id) return 'broadcaster';
  const senderRole = a.chat.senderRole;
  if (!senderRole) return 'viewer';
  const now = deps.clock.now();
  const cached = deps.chat.cachedRole(a.sender.id, a.channel.id, now);
  if (cached) return cached;
  let role: 'broadcaster' | 'moderator' | 'viewer' = 'viewer';
  try {
    role = await withToken(deps, a, (call) => senderRole.call(a.chat, call));
  } catch (err) {
    // Unknown role: the lower limit is the safe one.
    deps.log.debug({ err, platform: a.platform }, 'sender role unknown; using the viewer limit');
  }
  deps.chat.rememberRole(a.sender.id, a.channel.id, role, now);
  return role;
}

/** Limits of an app (quota units, request windows) that an operation spends. */
function appRule(deps: ChatDeps, a: Acting, op: ChatOperation): LimitRule | undefined {
  const limit = effectiveLimit(deps.config, a.platform, a.caps.limit);
  if (limit.kind === 'quota') return { kind: 'quota', key: `quota:${a.platform}:${a.credentials.clientId}`, cost: limit.costs[op], budget: limit.dailyUnits };
  if (limit.kind === 'app') return { kind: 'window', key: `app:${a.platform}:${a.credentials.clientId}`, windowMs: limit.windowMs, limit: limit.requests };
  return undefined;
}

/** The rules an operation takes: sends take the sender's window too; every operation the app's budget. */
export async function rulesFor(deps: ChatDeps, a: Acting, op: ChatOperation): Promise<LimitRule[]> {
  const rules: LimitRule[] = [];
  if (op === 'send') {
    const w = await windowRule(deps, a);
    if (w) rules.push(w);
  }
  const app = appRule(deps, a, op);
  if (app) rules.push(app);
  return rules;
}

/**
 * Takes every rule's slot, waiting up to `waitMs` for the next free one (and for a platform block to
 * end), else 429 RATE_LIMITED with Retry-After in whole seconds. Returns the rules taken, to give back
 * if the call never reaches the platform.
 */
export async function acquire(deps: ChatDeps, a: Acting, rules: LimitRule[], waitMs: number): Promise<Held[]> {
  const start = deps.clock.now();
  const deadline = start + waitMs;
  let waited = false;
  for (;;) {
    let retryAt: number | null = null;
    let source: 'platform' | 'bifrost' = 'bifrost';
    const taken: Held[] = [];
    if (rules.length === 0) {
      retryAt = await blockedUntil(deps, a.sender.id);
      source = 'platform';
    }
    for (const [i, rule] of rules.entries()) {
      // The first take also checks the platform's block of the sender (no read of its own).
      const answer = await takeSlot(deps, rule, i === 0 ? a.sender.id : undefined);
      if (answer.ok) {
        taken.push({ rule, slotId: answer.slotId });
        continue;
      }
      retryAt = answer.retryAt;
      if (answer.blocked) source = 'platform';
      await release(deps, taken);
      break;
    }
    if (retryAt === null) {
      if (waited) {
        deps.metrics.chatBucketWaits.inc({ platform: a.platform });
        deps.metrics.chatBucketWaitMs.inc({ platform: a.platform }, deps.clock.now() - start);
      }
      return taken;
    }
    const now = deps.clock.now();
    if (retryAt > deadline) {
      const retryAfter = Math.max(1, Math.ceil((retryAt - now) / 1000));
      throw new AppError('RATE_LIMITED', `${a.adapter.name} allows no more now for "${a.sender.platform_username}"; retry in ${retryAfter} s (or send wait_ms to wait)`, {
        retryAfter,
        details: { platform: a.platform, source },
      });
    }
    waited = true;
    await deps.chat.sleep(Math.max(1, retryAt - now));
  }
}

/** Gives back slots taken for a call that never reached the platform. */
export async function release(deps: ChatDeps, held: Held[]): Promise<void> {
  for (const h of held) await releaseSlot(deps, h.rule, h.slotId);
}

/** The window slots among what an operation holds. */
export const heldSlots = (held: readonly Held[]): string[] => held.flatMap((h) => (h.slotId ? [h.slotId] : []));

/** After the platform was called (answered or not): the held window slots count from now. */
export async function settle(deps: ChatDeps, held: Held[]): Promise<void> {
  await touchSlots(deps, heldSlots(held));
}

/** YouTube: the channel's live chat, found with the channel's own token and cached; 409 when not live. */
export async function liveChatOf(deps: ChatDeps, a: Acting): Promise<string | undefined> {
  if (!a.caps.needsLiveChat) return undefined;
  const discover = a.chat.discover;
  if (!discover) return undefined;
  const now = deps.clock.now();
  const cached = deps.chat.cachedLiveChat(a.channel.id, now);
  if (cached) return cached;
  const rule = appRule(deps, a, 'discover');
  if (rule) await acquire(deps, a, [rule], 0);
  const id = await withToken(deps, a, (call) => discover.call(a.chat, call), a.channel);
  if (!id) {
    throw new AppError('NOT_LIVE', `${a.adapter.name} channel "${a.channel.platform_username}" is not live: its chat opens when a broadcast starts`, {
      details: { platform: a.platform, integration_id: a.channel.id },
    });
  }
  deps.chat.rememberLiveChat(a.channel.id, id, now);
  return id;
}

/** The sender as the answers show it. */
export function senderView(row: IntegrationRow): { integrationId: string; username: string; global: boolean } {
  return { integrationId: row.id, username: row.platform_username, global: row.account_id === null };
}
