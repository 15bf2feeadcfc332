/** After creating a key, webhook or token-server id: the secret, once, with Copy; closing the dialog forgets it. */
import type { ReactNode } from 'react';
import { Dialog } from './dialog.tsx';
import { Button } from './button.tsx';
import { SecretReveal } from './secret-reveal.tsx';

export interface CreatedSecretDialogProps {
  title: string;
  label: string;
  /** The secret; the dialog is open while there is one. */
  secret: string | null;
  /** Replaces the usual "shown only now" warning. */
  note?: string;
  /** What to do with it, above the secret. */
  children?: ReactNode;
  onClose: () => void;
}

export function CreatedSecretDialog({ title, label, secret, note, children, onClose }: CreatedSecretDialogProps) {
  return (
    <Dialog
      open={secret !== null}
      title={title}
      onClose={onClose}
      footer={
        <Button variant="primary" onClick={onClose}>
          Done, I copied it
        </Button>
      }
    >
      {children}
      {secret ? <SecretReveal label={label} value={secret} note={note} /> : null}
    </Dialog>
  );
}
