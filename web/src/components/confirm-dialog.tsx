/** "Are you sure?" for destructive actions: runs the action, shows its error in place, closes on success. */
import { useId, type ReactNode } from 'react';
import { useAction } from '../lib/use-action.ts';
import { Dialog } from './dialog.tsx';
import { Button } from './button.tsx';
import { FormError } from './form-error.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  danger?: boolean;
}

export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onClose, danger = true }: ConfirmDialogProps) {
  const action = useAction();
  const messageId = useId();

  const close = () => {
    if (action.busy) return;
    action.reset();
    onClose();
  };
  const confirm = async () => {
    if (await action.run(onConfirm)) onClose();
  };

  return (
    <Dialog
      open={open}
      title={title}
      onClose={close}
      describedBy={messageId}
      footer={
        <>
          <Button onClick={close} disabled={action.busy}>
            Cancel
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} busy={action.busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      <p id={messageId}>{message}</p>
      <FormError error={action.error} />
    </Dialog>
  );
}
