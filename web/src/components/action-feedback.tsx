/** What an action last said under its row or form: its error (FormError), or its success line (role="status"). */
import type { Action } from '../lib/use-action.ts';
import { FormError } from './form-error.tsx';

export function ActionFeedback({ action }: { action: Pick<Action, 'error' | 'success'> }) {
  return (
    <>
      <FormError error={action.error} />
      {action.success ? (
        <p className="inline-result inline-ok" role="status">
          {action.success}
        </p>
      ) : null}
    </>
  );
}
