/**
 * The chat and moderation operations REST and GraphQL call: send, delete a message, ban or time out,
 * unban. Each checks the caller's permission, the input against the platform's capability table, the
 * sender and channel, then the shared limits, and only then calls the platform. Moderation actions
 * are audited with sender and target; sends are counted (metrics) and logged for the dashboard.
 */
import { AppError } from '../errors/app-error.ts';
import { actorOf, requirePermission, type Caller } from '../access/caller.ts';
import { recordAudit } from '../audit/record.ts';
import type { ModerationTarget, SentMessage } from '../platforms/chat-types.ts';
import { isAppError } from '../errors/app-error.ts';
import { isPlatformError } from '../platforms/errors.ts';
import { acquire, chatOf, heldSlots, liveChatOf, prepare, release, rulesFor, senderView, settle, withToken, type Acting, type ChatDeps } from './acting.ts';
import { checkDelete, checkDuration, checkReason, checkReplyTo, checkTarget, checkText, checkWait } from './input.ts';
import { logSend, writeLog, type ChatAction } from './log.ts';
import type { SenderSpec } from './sender.ts';

export interface SenderView {
  integrationId: string;
  username: string;
  global: boolean;
}

/** A sent message. Times are epoch ms. */
export interface SentChatMessage {
  messageId: string | null;
  platform: string;
  sender: SenderView;
  sentAt: number;
}

export interface SendInput {
  text: string;
  sender?: SenderSpec | undefined;
  replyTo?: string | undefined;
  waitMs?: number | undefined;
}

/** What a ban or timeout applied. Times are epoch ms. */
export interface ModerationResult {
  platform: string;
  action: 'banned' | 'timed_out';
  target: { userId: string | null; username: string | null };
  requestedDurationS: number | null;
  appliedDurationS: number | null;
  clamped: boolean;
  sender: SenderView;
  appliedAt: number;
}

export interface BanInput {
  userId?: string | undefined;
  username?: string | undefined;
  durationS?: number | undefined;
  reason?: string | undefined;
  sender?: SenderSpec | undefined;
}

/** Counts a refused send by its reason (the error code, lower-cased). */
function countRefusal(deps: ChatDeps, platform: string, err: unknown): void {
  const reason = isAppError(err) ? (err.code === 'RATE_LIMITED' && err.details?.source === 'platform' ? 'platform_429' : err.code.toLowerCase()) : 'error';
  deps.metrics.chatMessages.inc({ platform, result: reason });
}

export async function sendChatMessage(deps: ChatDeps, caller: Caller, platform: string, input: SendInput): Promise<SentChatMessage> {
  requirePermission(caller, 'chat:send');
  const base = chatOf(deps, platform);
  try {
    checkText(base.caps, base.adapter.name, input.text);
    checkReplyTo(base.caps, base.adapter.name, input.replyTo);
    const waitMs = checkWait(input.waitMs);
    const a = await prepare(deps, caller, platform, input.sender, 'send');
    const rules = await rulesFor(deps, a, 'send');
    const taken = await acquire(deps, a, rules, waitMs);
    let sent: SentMessage;
    try {
      a.liveChatId = await liveChatOf(deps, a);
    } catch (err) {
      await release(deps, taken);
      throw err;
    }
    try {
      sent = await withToken(deps, a, (call) => a.chat.send(call, { text: input.text, replyTo: input.replyTo }));
    } catch (err) {
      // The broadcast may have ended: find the live chat afresh next time.
      deps.chat.forgetLiveChat(a.channel.id);
      // A request that provably never left gives its slot back; anything the platform may have counted keeps it.
      if (isPlatformError(err) && err.kind === 'network' && !err.maybeDelivered) await release(deps, taken);
      else await settle(deps, taken);
      throw err;
    }
    deps.metrics.chatMessages.inc({ platform: a.platform, result: 'sent' });
    // The slots settle (move to the platform's answer) in the log's own write, after the answer.
    logSend(deps, { accountId: a.channel.account_id!, platform: a.platform, action: 'sent', sender: a.sender, text: input.text, messageId: sent.messageId }, heldSlots(taken));
    return { messageId: sent.messageId, platform: a.platform, sender: senderView(a.sender), sentAt: deps.clock.now() };
  } catch (err) {
    countRefusal(deps, base.platform, err);
    throw err;
  }
}

/** Runs a moderation call within the app's limits and records it (audit, log, metrics). */
async function moderate<T>(deps: ChatDeps, caller: Caller, a: Acting, op: 'delete' | 'ban' | 'unban', action: ChatAction, target: string, details: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const auditAction = { sent: '', deleted: 'chat.message_deleted', banned: 'moderation.banned', timed_out: 'moderation.timed_out', unbanned: 'moderation.unbanned' }[action];
  const metricAction = action === 'deleted' ? 'message_deleted' : action;
  const taken = await acquire(deps, a, await rulesFor(deps, a, op), 0);
  let result: T;
  try {
    a.liveChatId = await liveChatOf(deps, a);
  } catch (err) {
    await release(deps, taken);
    throw err;
  }
  try {
    result = await run();
    await settle(deps, taken);
  } catch (err) {
    await settle(deps, taken);
    deps.metrics.moderationActions.inc({ platform: a.platform, action: metricAction, result: isAppError(err) ? err.code.toLowerCase() : 'error' });
    throw err;
  }
  deps.metrics.moderationActions.inc({ platform: a.platform, action: metricAction, result: 'ok' });
  const { actor, ip } = actorOf(caller);
  await recordAudit(deps, {
    accountId: a.channel.account_id,
    actor,
    action: auditAction,
    target: { type: action === 'deleted' ? 'chat_message' : 'platform_user', id: target },
    ip: ip ?? null,
    details: { platform: a.platform, sender_integration_id: a.sender.id, sender_username: a.sender.platform_username, channel_integration_id: a.channel.id, ...details },
  });
  await writeLog(deps, { accountId: a.channel.account_id!, platform: a.platform, action, sender: a.sender, target, messageId: action === 'deleted' ? target : null, durationS: (details.applied_duration_s as number | undefined) ?? null }, deps.chat.pruneDue());
  return result;
}

export async function deleteChatMessage(deps: ChatDeps, caller: Caller, platform: string, messageId: string, sender?: SenderSpec): Promise<void> {
  requirePermission(caller, 'moderation:manage');
  const base = chatOf(deps, platform);
  checkDelete(base.caps, base.adapter.name);
  if (messageId.trim() === '') throw new AppError('VALIDATION_FAILED', 'message_id: must not be empty', { details: { field: 'message_id' } });
  const a = await prepare(deps, caller, platform, sender, 'delete');
  await moderate(deps, caller, a, 'delete', 'deleted', messageId, {}, () => withToken(deps, a, (call) => a.chat.deleteMessage(call, messageId)));
}

export async function banUser(deps: ChatDeps, caller: Caller, platform: string, input: BanInput): Promise<ModerationResult> {
  requirePermission(caller, 'moderation:manage');
  const base = chatOf(deps, platform);
  const name = base.adapter.name;
  const target = checkTarget(base.caps, name, { userId: input.userId, username: input.username });
  const duration = checkDuration(base.caps, name, input.durationS);
  const reason = checkReason(base.caps, name, input.reason);
  const a = await prepare(deps, caller, platform, input.sender, 'moderate');
  const action = duration ? 'timed_out' : 'banned';
  const targetName = (target.userId ?? target.username)!;
  const result = await moderate(deps, caller, a, 'ban', action, targetName, { duration_s: input.durationS ?? null, applied_duration_s: duration?.seconds ?? null, reason: reason ?? null }, () =>
    withToken(deps, a, (call) => a.chat.ban(call, target, { durationS: duration?.seconds, reason })),
  );
  if (result.banId && a.caps.unbanByBanId) await rememberBan(deps, a, targetName, result.banId);
  const applied = duration ? (result.appliedDurationS ?? duration.seconds) : null;
  return {
    platform: a.platform,
    action,
    target: { userId: target.userId ?? null, username: target.username ?? null },
    requestedDurationS: input.durationS ?? null,
    appliedDurationS: applied,
    clamped: duration !== undefined && applied !== input.durationS,
    sender: senderView(a.sender),
    appliedAt: deps.clock.now(),
  };
}

async function rememberBan(deps: ChatDeps, a: Acting, target: string, banId: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.db
    .insertInto('chat_bans')
    .values({ platform: a.platform, channel_id: a.channel.id, target, ban_id: banId, created_at: now })
    .onConflict((oc) => oc.columns(['platform', 'channel_id', 'target']).doUpdateSet({ ban_id: banId, created_at: now }))
    .execute();
}

/** Unbans `user` (a user id, or a username where the platform names users so). */
export async function unbanUser(deps: ChatDeps, caller: Caller, platform: string, user: string, sender?: SenderSpec): Promise<void> {
  requirePermission(caller, 'moderation:manage');
  const base = chatOf(deps, platform);
  if (user.trim() === '') throw new AppError('VALIDATION_FAILED', 'user: must not be empty', { details: { field: 'user' } });
  const target: ModerationTarget = base.caps.moderationTarget === 'user_id' ? { userId: user } : { username: user };
  const a = await prepare(deps, caller, platform, sender, 'moderate');
  let banId: string | undefined;
  if (a.caps.unbanByBanId) {
    const row = await deps.store.db.selectFrom('chat_bans').select('ban_id').where('platform', '=', a.platform).where('channel_id', '=', a.channel.id).where('target', '=', user).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `no ban of "${user}" made through Bifrost in this channel: ${a.adapter.name} unbans need the ban's id, so unban in ${a.adapter.name} itself`);
    banId = row.ban_id;
  }
  await moderate(deps, caller, a, 'unban', 'unbanned', user, {}, () => withToken(deps, a, (call) => a.chat.unban(call, { ...target, banId })));
  if (banId) await deps.store.db.deleteFrom('chat_bans').where('platform', '=', a.platform).where('channel_id', '=', a.channel.id).where('target', '=', user).execute();
}
