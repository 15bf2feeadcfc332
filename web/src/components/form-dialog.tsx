/**
 * The scaffold every form dialog shares: a Dialog whose footer holds Cancel and the primary submit
 * button (tied to the form by id), a noValidate form, and the error banner at its top. While busy,
 * Escape, × and Cancel do not close it. `useFormDialog` holds what goes with it: the fields reset
 * each time it opens, the form's own check, then the API call through useAction.
 */
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useAction, type Action } from '../lib/use-action.ts';
import { Dialog } from './dialog.tsx';
import { Button } from './button.tsx';
import { FormError } from './form-error.tsx';

export interface FormDialogState {
  open: boolean;
  action: Action;
  close: () => void;
  submit: (event: FormEvent) => void;
}

export interface FormDialogOptions {
  open: boolean;
  onClose: () => void;
  /** Puts the fields back to their first values; runs each time the dialog opens. */
  reset: () => void;
  /**
   * The form's own check before the API call: a problem in words (shown in the banner), '' to stop
   * with the problems already shown at the fields, or null to go on.
   */
  check?: () => string | null;
  /** The API call and what it tells the page; the dialog closes once it succeeds. */
  submit: () => Promise<void>;
}

export function useFormDialog({ open, onClose, reset, check, submit }: FormDialogOptions): FormDialogState {
  const action = useAction();
  const resetFields = useRef(reset);
  resetFields.current = reset;
  const { reset: resetAction } = action;

  useEffect(() => {
    if (!open) return;
    resetFields.current();
    resetAction();
  }, [open, resetAction]);

  return {
    open,
    action,
    close: () => {
      if (!action.busy) onClose();
    },
    submit: (event) => {
      event.preventDefault();
      const problem = check?.() ?? null;
      if (problem !== null) {
        if (problem) action.fail(problem);
        return;
      }
      void action.run(async () => {
        await submit();
        onClose();
      });
    },
  };
}

export interface FormDialogProps {
  dialog: FormDialogState;
  title: string;
  submitLabel: string;
  wide?: boolean;
  children: ReactNode;
}

export function FormDialog({ dialog, title, submitLabel, wide = false, children }: FormDialogProps) {
  const formId = useId();
  const { open, action, close, submit } = dialog;
  return (
    <Dialog
      open={open}
      wide={wide}
      title={title}
      onClose={close}
      footer={
        <>
          <Button onClick={close} disabled={action.busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" busy={action.busy}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <FormError banner error={action.error} />
        {children}
      </form>
    </Dialog>
  );
}
