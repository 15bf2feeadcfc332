/**
 * "Refresh token" (POST /v1/integrations/{id}/refresh): shown only when a token's automatic refresh is
 * failing, so the everyday card keeps exactly its Reconnect and Disconnect.
 */
import { useState } from 'react';
import type { Integration } from '../api/types.ts';
import { refreshIntegration } from '../api/integrations-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';

export function RefreshButton({ integration, onRefreshed, small = false }: { integration: Integration; onRefreshed: () => void; small?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (integration.status === 'active') return null;
  const refresh = async () => {
    setBusy(true);
    setError(null);
    try {
      await refreshIntegration(integration.id);
      onRefreshed();
    } catch (err) {
      setError(`Refresh failed: ${errorMessage(err)} If it keeps failing, click Reconnect.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button small={small} busy={busy} onClick={() => void refresh()}>
        Refresh token
      </Button>
      {error ? (
        <p className="form-error refresh-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
