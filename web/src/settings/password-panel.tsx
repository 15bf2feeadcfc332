/** Change your password; the server ends your other sessions when it changes. */
import { useState, type FormEvent } from 'react';
import { changePassword } from '../api/session-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { passwordProblem } from '../lib/password-policy.ts';

export function PasswordPanel() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const problem = passwordProblem(next) ?? (next !== confirm ? 'The new passwords do not match.' : null);
    if (!current) return setError('Enter your current password.');
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await changePassword({ current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 className="panel-title" id="password-heading">
        Your password
      </h2>
      <form onSubmit={(e) => void submit(e)} noValidate className="narrow-form">
        <Field label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        <Field label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} hint="8 to 128 characters; common passwords are refused." />
        <Field label="Confirm new password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {done ? (
          <p className="inline-result inline-ok" role="status">
            ✓ Password changed. Your other sessions were signed out.
          </p>
        ) : null}
        <Button type="submit" variant="primary" busy={busy}>
          Change password
        </Button>
      </form>
    </section>
  );
}
