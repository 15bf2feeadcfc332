/** Invite a member: pick a role, get a one-time link (shown once) to send them. */
import { useId, useState } from 'react';
import type { Invite, Role } from '../api/types.ts';
import { createInvite, listInvites } from '../api/accounts-api.ts';
import { useResource } from '../lib/use-resource.ts';
import { useAction } from '../lib/use-action.ts';
import { PendingInvites } from './pending-invites.tsx';
import { Panel } from '../components/panel.tsx';
import { FormError } from '../components/form-error.tsx';
import { RowAction } from '../components/row-action.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { DateTime } from '../components/date-time.tsx';

export function InvitePanel({ roles }: { roles: Role[] }) {
  const id = useId();
  const [role, setRole] = useState(() => roles.find((r) => r.id === 'viewer')?.id ?? roles[0]?.id ?? 'viewer');
  const action = useAction();
  const [invite, setInvite] = useState<Invite | null>(null);
  const [pending, reloadPending] = useResource(listInvites);

  const create = async () => {
    setInvite(null);
    setInvite(await createInvite(role));
    void reloadPending();
  };

  return (
    <Panel title="Invite a member" headingId="invite-heading">
      <div className="inline-form">
        <label htmlFor={id} className="field-label">
          Role
        </label>
        <select id={id} className="input input-compact" value={role} onChange={(e) => setRole(e.target.value)}>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <RowAction variant="primary" action={action} run={create}>
          Create invite link
        </RowAction>
      </div>
      <FormError error={action.error} />
      {invite ? (
        <div className="invite-result">
          <SecretReveal label="Invite link" value={invite.invite_url} note="Send this one-time link to the person you invite. It is shown only now and works once." />
          <p className="field-hint">
            Expires <DateTime value={invite.expires_at} />.
          </p>
        </div>
      ) : null}
      {pending.status === 'ready' ? <PendingInvites invites={pending.data} onChanged={() => void reloadPending()} /> : null}
    </Panel>
  );
}
