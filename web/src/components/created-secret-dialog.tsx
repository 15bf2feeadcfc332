/** After creating a key or webhook: the secret, once, with Copy; closing the dialog forgets it. */
import { Dialog } from './dialog.tsx';
import { Button } from './button.tsx';
import { SecretReveal } from './secret-reveal.tsx';

export function CreatedSecretDialog({ title, label, secret, onClose }: { title: string; label: string; secret: string | null; onClose: () => void }) {
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
      {secret ? <SecretReveal label={label} value={secret} /> : null}
    </Dialog>
  );
}
