/** Change your password; the server ends your other sessions when it changes. */
import { useState, type FormEvent } from 'react';
import { changePassword } from '../api/session-api.ts';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { Panel } from '../components/panel.tsx';
import { ActionFeedback } from '../components/action-feedback.tsx';
import { passwordProblem } from '../lib/password-policy.ts';
import { useAction } from '../lib/use-action.ts';

export function PasswordPanel() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = !current ? 'Enter your current password.' : (passwordProblem(next) ?? (next !== confirm ? 'The new passwords do not match.' : null));
    if (problem) return action.fail(problem);
    const change = async () => {
      await changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setConfirm('');
    };
    await action.run(change, { success: '✓ Password changed. Your other sessions were signed out.' });
  };

  return (
    <Panel title="Your password" headingId="password-heading">
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form">
        <Field label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} hint="8 to 128 characters; common passwords are refused." />
        <Field label="Confirm new password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <ActionFeedback action={action} />
        <Button type="submit" variant="primary" busy={action.busy}>
          Change password
        </Button>
      </form>
    </Panel>
  );
}
