/** Confirms a disconnect in its specified words and reports a platform-side revoke failure without hiding the local removal. */
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { disconnectIntegration } from '../api/integrations-api.ts';

export interface DisconnectDialogProps {
  open: boolean;
  platform: string;
  integrationId: string;
  /** Custom text for bots (they fall back to the global bot). */
  message?: string;
  onClose: () => void;
  onDone: (revokeError: string | null) => void;
  disconnect?: (id: string) => Promise<{ success: boolean; error?: string | null }>;
}

export function DisconnectDialog({ open, platform, integrationId, message, onClose, onDone, disconnect = disconnectIntegration }: DisconnectDialogProps) {
  return (
    <ConfirmDialog
      open={open}
      title={`Disconnect ${platform}`}
      message={message ?? `Are you sure you want to disconnect ${platform}? This will revoke the connection but keep your app credentials.`}
      confirmLabel="Disconnect"
      onClose={onClose}
      onConfirm={async () => {
        const result = await disconnect(integrationId);
        onDone(result.success ? null : (result.error ?? 'the platform did not confirm the revocation'));
      }}
    />
  );
}
