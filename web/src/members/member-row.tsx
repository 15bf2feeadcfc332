/** A member of the account: their role (changeable with members:edit) and Remove. */
import { useId } from 'react';
import type { Member, Role } from '../api/types.ts';
import { changeMemberRole, removeMember } from '../api/accounts-api.ts';
import { Badge } from '../components/badge.tsx';
import { DateTime } from '../components/date-time.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';

export function MemberRow({ member, roles, onChanged }: { member: Member; roles: Role[]; onChanged: () => void }) {
  const session = useSession();
  const id = useId();
  const action = useAction();
  const isMe = member.user_id === session.me.user.id;
  const roleLabel = member.role_name ?? roles.find((r) => r.id === member.role)?.name ?? member.role;
  return (
    <Row
      data-member={member.username}
      title={
        <>
          {member.username} {isMe ? <Badge tone="info">You</Badge> : null}
        </>
      }
      meta={
        <>
          Member since <DateTime value={member.joined_at} relativeOnly />
        </>
      }
      action={action}
      actions={
        session.can('members:edit') ? (
          <>
            <label htmlFor={id} className="visually-hidden">
              Role of {member.username}
            </label>
            <select id={id} className="input input-compact" value={member.role} disabled={action.busy} onChange={(e) => void action.run(() => changeMemberRole(member.user_id, e.target.value).then(onChanged))}>
              {roles.some((r) => r.id === member.role) ? null : <option value={member.role}>{roleLabel}</option>}
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <RowAction
              small
              variant="danger"
              action={action}
              confirm={{
                title: isMe ? 'Leave this account' : `Remove ${member.username}`,
                message: isMe ? 'You will lose access to this account until someone invites you again.' : `Remove ${member.username} from this account? They lose access immediately.`,
                confirmLabel: isMe ? 'Leave' : 'Remove',
              }}
              run={async () => {
                await removeMember(member.user_id);
                if (isMe) await session.refresh();
                else onChanged();
              }}
            >
              {isMe ? 'Leave' : 'Remove'}
            </RowAction>
          </>
        ) : (
          <Badge>{roleLabel}</Badge>
        )
      }
    />
  );
}
