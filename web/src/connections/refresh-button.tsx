/**
 * "Refresh token" (POST /v1/integrations/{id}/refresh): shown only when a token's automatic refresh is
 * failing, so the everyday card keeps exactly its Reconnect and Disconnect.
 */
import type { Integration } from '../api/types.ts';
import { refreshIntegration } from '../api/integrations-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { FormError } from '../components/form-error.tsx';
import { useAction } from '../lib/use-action.ts';

const describe = (err: unknown) => `Refresh failed: ${errorMessage(err)} If it keeps failing, click Reconnect.`;

export function RefreshButton({ integration, onRefreshed, small = false }: { integration: Integration; onRefreshed: () => void; small?: boolean }) {
  const action = useAction();
  if (integration.status === 'active') return null;
  return (
    <>
      <Button small={small} busy={action.busy} onClick={() => void action.run(() => refreshIntegration(integration.id).then(onRefreshed), { describe })}>
        Refresh token
      </Button>
      <FormError error={action.error} className="refresh-error" />
    </>
  );
}
