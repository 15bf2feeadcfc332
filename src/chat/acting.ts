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
import { AppError } from '../errors/app-error.ts';
import { isPlatformError } from '../platforms/errors.ts';
import type { Caller } from '../access/caller.ts';
import type { ChatService } from './service.ts';
import { resolveSpeakers, type SenderSpec } from './sender.ts';
import { blockSender, blockedUntil, effectiveLimit, releaseSlot, takeSlot, type LimitRule } from './limits.ts';

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
  const { sender, channel } = await resolveSpeakers(deps, caller, base.adapter, spec ?? 'bot', base.caps.scopes[scopes]);
  const credentials = await credentialsFor(deps, sender);
  if (!credentials) {
    const where = sender.integration_type === 'bot' ? 'Bot Connections' : 'Connections';
    throw new AppError('SENDER_UNAVAILABLE', `the ${base.adapter.name} app credentials "${sender.platform_username}" was connected with are gone or changed: Reconnect it on ${where}`, {
      details: { which: 'sender', integration_id: sender.id },
    });
  }
  return { ...base, sender, channel, credentials };
}

const isUnauthorized = (err: unknown): boolean => isPlatformError(err) && (err.httpStatus === 401 || err.oauthError === 'invalid_token');

function callOf(a: Acting, accessToken: string, as: IntegrationRow, credentials: ClientCredentials): ChatCall {
  return {
    credentials,
    accessToken,
    senderId: as.platform_user_id,
    broadcasterId: a.channel.platform_user_id,
    liveChatId: a.liveChatId,
  };
}

/**
 * Runs a platform call with the sender's token. A 401 means the platform took nothing, so the call
 * is retried once after one forced refresh; any other failure is never retried here (a send that
 * timed out after it was written may have been delivered). A 429 blocks the sender for every instance.
 */
export async function withToken<T>(deps: ChatDeps, a: Acting, run: (call: ChatCall) => Promise<T>, as: IntegrationRow = a.sender): Promise<T> {
  // The channel's own calls (YouTube's discovery) use the client its tokens were issued to.
  const credentials = as === a.sender ? a.credentials : ((await credentialsFor(deps, as)) ?? a.credentials);
  const first = await deps.consumers.readToken(CHAT_CONSUMER, as.id);
  try {
    return await run(callOf(a, first.access_token, as, credentials));
  } catch (err) {
    if (!isUnauthorized(err)) throw await platformFailure(deps, a, err);
  }
  const renewed = await deps.consumers.reportInvalid(CHAT_CONSUMER, as.id);
  try {
    return await run(callOf(a, renewed.access_token, as, credentials));
  } catch (err) {
    throw await platformFailure(deps, a, err);
  }
}

/** A platform 429 → a block until its Retry-After for every instance, answered as RATE_LIMITED. */
async function platformFailure(deps: ChatDeps, a: Acting, err: unknown): Promise<unknown> {
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
export async function acquire(deps: ChatDeps, a: Acting, rules: LimitRule[], waitMs: number): Promise<LimitRule[]> {
  const start = deps.clock.now();
  const deadline = start + waitMs;
  let waited = false;
  for (;;) {
    let retryAt: number | null = await blockedUntil(deps, a.sender.id);
    let source: 'platform' | 'bifrost' = 'platform';
    if (retryAt === null) {
      source = 'bifrost';
      const taken: LimitRule[] = [];
      for (const rule of rules) {
        const answer = await takeSlot(deps, rule);
        if (answer.ok) {
          taken.push(rule);
          continue;
        }
        retryAt = answer.retryAt;
        for (const r of taken) await releaseSlot(deps, r);
        break;
      }
      if (retryAt === null) {
        if (waited) {
          deps.metrics.chatBucketWaits.inc({ platform: a.platform });
          deps.metrics.chatBucketWaitMs.inc({ platform: a.platform }, deps.clock.now() - start);
        }
        return taken;
      }
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
export async function release(deps: ChatDeps, rules: LimitRule[]): Promise<void> {
  for (const r of rules) await releaseSlot(deps, r);
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
