/** A member of the account: their role (changeable with members:edit) and Remove. */
import { useId, useState } from 'react';
import type { Member, Role } from '../api/types.ts';
import { changeMemberRole, removeMember } from '../api/accounts-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { Badge } from '../components/badge.tsx';
import { DateTime } from '../components/date-time.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useSession } from '../lib/session.tsx';

export function MemberRow({ member, roles, onChanged }: { member: Member; roles: Role[]; onChanged: () => void }) {
  const session = useSession();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const isMe = member.user_id === session.me.user.id;
  const mayEdit = session.can('members:edit');

  const change = async (role: string) => {
    setBusy(true);
    setError(null);
    try {
      await changeMemberRole(member.user_id, role);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const roleLabel = member.role_name ?? roles.find((r) => r.id === member.role)?.name ?? member.role;
  return (
    <li className="row-item" data-member={member.username}>
      <div className="row-main">
        <p className="row-title">
          {member.username} {isMe ? <Badge tone="info">You</Badge> : null}
        </p>
        <p className="row-meta">
          Member since <DateTime value={member.joined_at} relativeOnly />
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="row-actions">
        {mayEdit ? (
          <>
            <label htmlFor={id} className="visually-hidden">
              Role of {member.username}
            </label>
            <select id={id} className="input input-compact" value={member.role} disabled={busy} onChange={(e) => void change(e.target.value)}>
              {roles.some((r) => r.id === member.role) ? null : <option value={member.role}>{roleLabel}</option>}
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <Button small variant="danger" onClick={() => setRemoving(true)}>
              {isMe ? 'Leave' : 'Remove'}
            </Button>
          </>
        ) : (
          <Badge>{roleLabel}</Badge>
        )}
      </div>
      <ConfirmDialog
        open={removing}
        title={isMe ? 'Leave this account' : `Remove ${member.username}`}
        message={isMe ? 'You will lose access to this account until someone invites you again.' : `Remove ${member.username} from this account? They lose access immediately.`}
        confirmLabel={isMe ? 'Leave' : 'Remove'}
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          await removeMember(member.user_id);
          if (isMe) await session.refresh();
          else onChanged();
        }}
      />
    </li>
  );
}
