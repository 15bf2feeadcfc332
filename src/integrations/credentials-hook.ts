/**
 * Called when an account's app credentials for a platform are deleted: its channel integration on
 * that platform can no longer refresh, so it is marked as needing re-authorization (its card asks for
 * a reconnect).
 */
import type { Runtime } from '../runtime.ts';
import { findChannel } from './repository.ts';
import { markNeedsReauth } from '../refresh/refresh.ts';

export async function onAppCredentialsDeleted(rt: Runtime, accountId: string, platform: string): Promise<void> {
  const channel = await findChannel(rt.store.db, accountId, platform);
  if (channel) await markNeedsReauth(rt, channel, 'credentials_deleted');
}
