/**
 * A button of a row or card that calls the API through the row's Action: it spins while its own call
 * runs and stands still while another call of the row runs (one at a time); the row shows the error.
 * A destructive one asks first, in a ConfirmDialog that runs the call and shows its error in place.
 */
import { useId, useState, type ReactNode } from 'react';
import type { Action, RunOptions } from '../lib/use-action.ts';
import { Button, type ButtonVariant } from './button.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';

export interface ConfirmText {
  title: string;
  message: ReactNode;
  confirmLabel: string;
}

interface Common {
  run: () => Promise<unknown>;
  variant?: ButtonVariant;
  small?: boolean;
  disabled?: boolean;
  children: ReactNode;
}

export type RowActionProps = Common &
  (
    | ({ action: Action; confirm?: undefined } & Pick<RunOptions, 'success' | 'leaves'>)
    | { confirm: ConfirmText; /** The row's Action: the button stands still while it runs; a success here clears its error. */ action?: Action }
  );

export function RowAction(props: RowActionProps) {
  const { run, variant, small = false, disabled = false, children } = props;
  const name = useId();
  const [asking, setAsking] = useState(false);
  const button = (onClick: () => void, busy: boolean) => (
    <Button variant={variant} small={small} busy={busy} disabled={disabled || (props.action?.busy ?? false)} onClick={onClick}>
      {children}
    </Button>
  );
  if (props.confirm === undefined) {
    const { action, success, leaves } = props;
    return button(() => void action.run(run, { name, success, leaves }), action.isBusy(name));
  }
  const { action, confirm } = props;
  return (
    <>
      {button(() => setAsking(true), false)}
      <ConfirmDialog
        open={asking}
        {...confirm}
        onClose={() => setAsking(false)}
        onConfirm={async () => {
          await run();
          action?.reset();
        }}
      />
    </>
  );
}
