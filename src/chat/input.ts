/**
 * Input checks of chat and moderation calls, from the platform's capability table: message length
 * (code points), replies, timeouts (rounded up to the platform's unit and clamped to its range, the
 * clamping reported), how a target is named, ban reasons. Each refusal is a 400 naming the field.
 */
import { AppError, invalidField } from '../errors/app-error.ts';
import type { ChatCapabilities, ModerationTarget } from '../platforms/chat-types.ts';

/** Longest wait for a free slot a caller may ask for. */
export const MAX_WAIT_MS = 30_000;

export function checkText(caps: ChatCapabilities, platformName: string, text: string): void {
  if (text.trim().length === 0) throw invalidField('text', 'must not be empty');
  const length = [...text].length;
  if (length > caps.maxMessageLength) {
    throw invalidField('text', `${platformName} takes at most ${caps.maxMessageLength} characters in a message (this one has ${length}); shorten it`);
  }
}

export function checkReplyTo(caps: ChatCapabilities, platformName: string, replyTo: string | undefined): void {
  if (replyTo !== undefined && !caps.replies) throw invalidField('reply_to', `${platformName} has no replies; leave reply_to out`);
}

export function checkWait(waitMs: number | undefined): number {
  const wait = waitMs ?? 0;
  if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_MS) throw invalidField('wait_ms', `must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}`);
  return wait;
}

export function checkDelete(caps: ChatCapabilities, platformName: string): void {
  if (!caps.deleteMessage) throw new AppError('CHAT_UNSUPPORTED', `${platformName} cannot delete a single message`, { details: { field: 'message_id' } });
}

/** The target in the form the platform names users, or a 400 saying which field to send instead. */
export function checkTarget(caps: ChatCapabilities, platformName: string, target: ModerationTarget): ModerationTarget {
  const userId = target.userId?.trim() || undefined;
  const username = target.username?.trim() || undefined;
  if (caps.moderationTarget === 'user_id') {
    if (userId) return { userId };
    if (username) throw invalidField('username', `${platformName} moderates by user id: send user_id instead of username`);
    throw invalidField('user_id', 'send the user_id of the user to moderate');
  }
  if (username) return { username };
  if (userId) throw invalidField('user_id', `${platformName} moderates by username (nickname): send username instead of user_id`);
  throw invalidField('username', 'send the username of the user to moderate');
}

export function checkReason(caps: ChatCapabilities, platformName: string, reason: string | undefined): string | undefined {
  if (reason === undefined || reason === '') return undefined;
  if (caps.maxReasonLength === null) throw invalidField('reason', `${platformName} takes no ban reason; leave reason out`);
  const length = [...reason].length;
  if (length > caps.maxReasonLength) throw invalidField('reason', `${platformName} takes at most ${caps.maxReasonLength} characters of reason (this one has ${length})`);
  return reason;
}

export interface AppliedDuration {
  /** Seconds to ask the platform for: whole units of its timeout, within its range. */
  seconds: number;
  clamped: boolean;
}

/** A timeout in the platform's unit and range; undefined for a permanent ban. */
export function checkDuration(caps: ChatCapabilities, platformName: string, durationS: number | undefined): AppliedDuration | undefined {
  if (durationS === undefined) return undefined;
  if (!Number.isInteger(durationS) || durationS < 1) throw invalidField('duration_s', 'must be a whole number of seconds, at least 1 (leave it out for a permanent ban)');
  const t = caps.timeout;
  if (!t) throw invalidField('duration_s', `${platformName} has no timeouts; leave duration_s out for a ban`);
  const rounded = Math.ceil(durationS / t.unitSeconds) * t.unitSeconds;
  const seconds = Math.min(t.maxSeconds, Math.max(t.minSeconds, rounded));
  return { seconds, clamped: seconds !== durationS };
}
