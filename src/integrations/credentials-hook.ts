/**
 * Called when an account's app credentials for a platform are deleted: its channel integration on
 * that platform can no longer refresh, so it is marked as needing re-authorization (seed 004).
 */
import type { Runtime } from '../runtime.ts';
import type { PlatformSlug } from '../config/schema.ts';

export async function onAppCredentialsDeleted(_rt: Runtime, _accountId: string, _platform: PlatformSlug): Promise<void> {}
