/**
 * Deleting an account removes its integrations with it (ON DELETE CASCADE); the streamer expects the
 * access they granted to go too (OA-15). Before the deletion this gathers every integration's revoke
 * (its tokens and the app credentials they were issued to, which the deletion removes as well);
 * after the deletion commits, the revokes run and their outcome is returned. A revoke that fails, or
 * cannot even be prepared, is reported and never undoes or blocks the deletion.
 */
import type { Deps } from '../deps.ts';
import { prepareRevoke, type PreparedRevoke } from './disconnect.ts';
import type { AccountRevokeSummary } from '../bus/events.ts';


export async function prepareAccountRevokes(rt: Deps, accountId: string): Promise<() => Promise<AccountRevokeSummary>> {
  const rows = await rt.store.db.selectFrom('integrations').selectAll().where('account_id', '=', accountId).execute();
  const prepared: { row: (typeof rows)[number]; revoke: PreparedRevoke }[] = [];
  for (const row of rows) {
    let revoke: PreparedRevoke;
    try {
      revoke = await prepareRevoke(rt, row);
    } catch (err) {
      // An undecryptable token or an unknown platform: nothing to send, but say so.
      rt.log.warn({ err, integration: row.id }, 'cannot revoke an integration of a deleted account at its platform');
      revoke = () => Promise.resolve('not revoked at the platform: its tokens could not be read; revoke access in the platform settings');
    }
    prepared.push({ row, revoke });
  }
  return async () => {
    const outcomes = await Promise.all(prepared.map(async ({ row, revoke }) => ({ row, error: await revoke() })));
    const failed = outcomes.filter((o) => o.error !== null);
    return {
      revoked: outcomes.length - failed.length,
      not_revoked: failed.map((o) => ({ integration_id: o.row.id, platform: o.row.platform, error: o.error! })),
    };
  };
}
