/** Disconnect, confirmed in its specified words; reports a platform-side revoke failure without hiding the local removal. */
import { disconnectIntegration } from '../api/integrations-api.ts';
import { RowAction } from '../components/row-action.tsx';
import type { Action } from '../lib/use-action.ts';

export interface DisconnectButtonProps {
  platform: string;
  integrationId: string;
  /** Custom text for bots (they fall back to the global bot). */
  message?: string;
  /** The button's words (the dialog's confirm button always says Disconnect). */
  label?: string;
  small?: boolean;
  /** The card's or row's other calls: the button stands still while they run. */
  action?: Action;
  onDone: (revokeError: string | null) => void;
  disconnect?: (id: string) => Promise<{ success: boolean; error?: string | null }>;
}

export function DisconnectButton({ platform, integrationId, message, label = 'Disconnect', small, action, onDone, disconnect = disconnectIntegration }: DisconnectButtonProps) {
  return (
    <RowAction
      small={small}
      variant="danger"
      action={action}
      confirm={{
        title: `Disconnect ${platform}`,
        message: message ?? `Are you sure you want to disconnect ${platform}? This will revoke the connection but keep your app credentials.`,
        confirmLabel: 'Disconnect',
      }}
      run={async () => {
        const result = await disconnect(integrationId);
        onDone(result.success ? null : (result.error ?? 'the platform did not confirm the revocation'));
      }}
    >
      {label}
    </RowAction>
  );
}
