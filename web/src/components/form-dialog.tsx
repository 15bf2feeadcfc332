/**
 * The scaffold every form dialog shares: a Dialog whose footer holds Cancel and the primary submit
 * button (tied to the form by id), a noValidate form, and the error Banner at its top. While busy,
 * Escape, × and Cancel do not close it. `useFormSubmit` holds the busy/error state that goes with it.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';
import { Dialog } from './dialog.tsx';
import { Button } from './button.tsx';
import { Banner } from './banner.tsx';

export interface FormDialogProps {
  open: boolean;
  title: string;
  formId: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onSubmit: (event: FormEvent) => void | Promise<void>;
  wide?: boolean;
  children: ReactNode;
}

export function FormDialog({ open, title, formId, submitLabel, busy, error, onClose, onSubmit, wide = false, children }: FormDialogProps) {
  return (
    <Dialog
      open={open}
      wide={wide}
      title={title}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void onSubmit(e)} noValidate>
        {error ? <Banner tone="error">{error}</Banner> : null}
        {children}
      </form>
    </Dialog>
  );
}

/** Busy and error state for a form dialog: `run` marks it busy, runs the task, and shows its failure. */
export function useFormSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
      setBusy(false);
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };
  return { busy, error, setError, run };
}
