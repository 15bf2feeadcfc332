/** Invites not used yet: their role and expiry, and Revoke (the links themselves are never shown again). */
import { useState } from 'react';
import type { PendingInvite } from '../api/types.ts';
import { revokeInvite } from '../api/accounts-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { DateTime } from '../components/date-time.tsx';

export function PendingInvites({ invites, onChanged }: { invites: PendingInvite[]; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (invites.length === 0) return null;
  const revoke = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await revokeInvite(id);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="pending-invites">
      <h3 className="field-label">Pending invites</h3>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="row-list">
        {invites.map((i) => (
          <li className="row-item" key={i.id}>
            <div className="row-main">
              <p className="row-meta">
                Role <strong>{i.role_name}</strong>, created <DateTime value={i.created_at} relativeOnly />, expires <DateTime value={i.expires_at} />
              </p>
            </div>
            <div className="row-actions">
              <Button small variant="danger" busy={busy === i.id} onClick={() => void revoke(i.id)}>
                Revoke
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
