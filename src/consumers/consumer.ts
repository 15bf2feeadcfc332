/**
 * Token consumers: who reads tokens and what each may read. The instance's internal service key
 * reads every integration; a per-consumer service key (`bfs_…`) reads its own account's, limited to
 * the integrations and platforms it was granted; a Companion token-server id reads one. How a
 * consumer is recognised is authenticate.ts.
 */
import type { IntegrationRow } from '../integrations/model.ts';
import { AppError } from '../errors/app-error.ts';
import type { Attribution } from '../access/caller.ts';

export const SERVICE_KEY_PREFIX = 'bfs_';

export type Consumer =
  | { kind: 'internal'; id: 'internal'; label: string }
  | {
      kind: 'service_key';
      id: string;
      label: string;
      accountId: string;
      integrationIds: ReadonlySet<string> | null;
      platforms: ReadonlySet<string> | null;
      /** Acting permissions granted to the key (chat:send, moderation:manage); empty = token reads only. */
      permissions?: ReadonlySet<string> | undefined;
    }
  | { kind: 'token_server'; id: string; label: string; accountId: string | null; integrationId: string };

export function consumerActor(consumer: Consumer, ip?: string | null): Attribution {
  return { actor: { type: 'consumer', id: consumer.id, label: consumer.label }, ip: ip ?? null };
}

export type ReadDecision = 'ok' | 'not_found' | 'not_granted';

/** Whether a consumer may read an integration's token: others' integrations do not exist for it. */
export function mayRead(consumer: Consumer, row: Pick<IntegrationRow, 'id' | 'account_id' | 'platform'>): ReadDecision {
  switch (consumer.kind) {
    case 'internal':
      return 'ok';
    case 'token_server':
      return row.id === consumer.integrationId ? 'ok' : 'not_found';
    case 'service_key':
      // An account's consumers may also read the instance's global bots (account_id null), its fallback.
      if (row.account_id !== null && row.account_id !== consumer.accountId) return 'not_found';
      if (consumer.integrationIds && !consumer.integrationIds.has(row.id)) return 'not_granted';
      if (consumer.platforms && !consumer.platforms.has(row.platform)) return 'not_granted';
      return 'ok';
  }
}

export function readDenied(decision: Exclude<ReadDecision, 'ok'>): AppError {
  return decision === 'not_found'
    ? new AppError('NOT_FOUND', 'integration not found')
    : new AppError('NOT_GRANTED', 'this service key was not granted this integration or platform');
}
