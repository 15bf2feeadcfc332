/**
 * "Refresh token" (POST /v1/integrations/{id}/refresh): shown only where the card state machine offers
 * it (a refresh failing for a passing reason), never for a lost grant a refresh cannot bring back.
 */
import type { Integration } from '../api/types.ts';
import { refreshIntegration } from '../api/integrations-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { FormError } from '../components/form-error.tsx';
import { useAction } from '../lib/use-action.ts';
import { cardState } from './card-state.ts';

const describe = (err: unknown) => `Refresh failed: ${errorMessage(err)} If it keeps failing, click Reconnect.`;

export function RefreshButton({ integration, onRefreshed, small = false }: { integration: Integration; onRefreshed: () => void; small?: boolean }) {
  const action = useAction();
  if (!cardState(null, integration.status).actions.includes('refresh')) return null;
  return (
    <>
      <Button small={small} busy={action.busy} onClick={() => void action.run(() => refreshIntegration(integration.id).then(onRefreshed), { describe })}>
        Refresh token
      </Button>
      <FormError error={action.error} className="refresh-error" />
    </>
  );
}
