/** Audit events, newest first: time, action, actor, target, IP and the details behind a disclosure. */
import type { AuditEntry } from '../api/types.ts';
import { DateTime } from '../components/date-time.tsx';

export function actorText(actor: AuditEntry['actor'], me?: { id: string; username: string }): string {
  if (actor.name) return actor.type === 'api_key' ? `API key ${actor.name}` : actor.name;
  if (actor.label) return actor.label;
  if (me && actor.id === me.id) return me.username;
  return actor.id ?? actor.type;
}

const TARGET_WORDS: Record<string, string> = {
  integration: 'Connection',
  user: 'Member',
  api_key: 'API key',
  service_key: 'Service key',
  webhook: 'Webhook',
  tool: 'Integration',
  role: 'Role',
  account: 'Account',
  invite: 'Invite',
  app_credentials: 'App credentials',
  platform: 'Platform',
};

export function targetText(target: AuditEntry['target']): string {
  if (!target) return '—';
  const kind = TARGET_WORDS[target.type] ?? target.type;
  return target.name ? `${kind} ${target.name}` : `${kind} ${target.id}`;
}

/** The name, with the id beside it (small) so the log stays searchable by id. */
function TargetCell({ target }: { target: AuditEntry['target'] }) {
  if (!target) return <>—</>;
  return (
    <>
      {targetText(target)}
      {target.name ? <span className="mono-small muted audit-id"> {target.id}</span> : null}
    </>
  );
}

export function AuditTable({ items, me }: { items: AuditEntry[]; me?: { id: string; username: string } }) {
  return (
    <div className="table-wrap" role="region" aria-label="Audit events" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">IP</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>
                <DateTime value={e.created_at} />
              </td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{actorText(e.actor, me)}</td>
              <td>
                <TargetCell target={e.target} />
              </td>
              <td className="mono-small nowrap">{e.ip ?? '—'}</td>
              <td>
                {e.details && Object.keys(e.details).length > 0 ? (
                  <details>
                    <summary>Show</summary>
                    <pre className="details-json">{JSON.stringify(e.details, null, 2)}</pre>
                  </details>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
