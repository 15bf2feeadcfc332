/** Invites not used yet: their role and expiry, and Revoke (the links themselves are never shown again). */
import type { PendingInvite } from '../api/types.ts';
import { revokeInvite } from '../api/accounts-api.ts';
import { DateTime } from '../components/date-time.tsx';
import { FormError } from '../components/form-error.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useAction } from '../lib/use-action.ts';

export function PendingInvites({ invites, onChanged }: { invites: PendingInvite[]; onChanged: () => void }) {
  const action = useAction();
  if (invites.length === 0) return null;
  return (
    <div className="pending-invites">
      <h3 className="field-label">Pending invites</h3>
      <FormError error={action.error} />
      <ul className="row-list">
        {invites.map((i) => (
          <Row
            key={i.id}
            meta={
              <>
                Role <strong>{i.role_name}</strong>, created <DateTime value={i.created_at} relativeOnly />, expires <DateTime value={i.expires_at} />
              </>
            }
            actions={
              <RowAction small variant="danger" action={action} run={() => revokeInvite(i.id).then(onChanged)}>
                Revoke
              </RowAction>
            }
          />
        ))}
      </ul>
    </div>
  );
}
