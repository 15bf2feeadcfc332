/** First run (/setup?token=…): create the first user (an instance admin) and their first account. */
import { useEffect, useState, type FormEvent } from 'react';
import { setCsrfToken } from '../api/client.ts';
import { getSetupStatus, runSetup } from '../api/session-api.ts';
import { Field } from '../components/field.tsx';
import { Button } from '../components/button.tsx';
import { Banner } from '../components/banner.tsx';
import { FormError } from '../components/form-error.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useLocation } from '../lib/router.tsx';
import { passwordProblem } from '../lib/password-policy.ts';
import { useAction } from '../lib/use-action.ts';
import { AuthCard } from './auth-card.tsx';

type Status = 'checking' | 'needed' | 'done' | 'unknown';

export function SetupPage({ onDone }: { onDone: () => void }) {
  const location = useLocation();
  const token = location.search.get('token') ?? '';
  const [status, setStatus] = useState<Status>('checking');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [accountName, setAccountName] = useState('');
  const [touched, setTouched] = useState(false);
  const action = useAction();

  useEffect(() => {
    getSetupStatus()
      .then((s) => setStatus(s.needs_setup ? 'needed' : 'done'))
      .catch(() => setStatus('unknown'));
  }, []);

  // Editing a field makes the server's last answer about it stale.
  const edit = (set: (value: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    if (action.error) action.reset();
  };

  const policy = passwordProblem(password);
  const mismatch = confirm.length > 0 && confirm !== password ? 'The passwords do not match.' : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    // A problem the form finds itself replaces what the server said last time: one current error.
    if (policy || confirm !== password || !username.trim() || !accountName.trim()) return action.reset();
    const setUp = async () => {
      const result = await runSetup({ token, username: username.trim(), password, account_name: accountName.trim() });
      setCsrfToken(result.csrf_token);
      onDone();
    };
    await action.run(setUp, { leaves: true });
  };

  return (
    <AuthCard heading="Set up Bifrost" tabTitle="Set up" wide>
      {status === 'checking' ? (
        <p className="state state-loading" role="status">
          <Spinner /> Checking this server…
        </p>
      ) : status === 'done' ? (
        <Banner tone="info" title="Bifrost is already set up">
          <p>
            This server already has its first user. <a href="/dashboard">Sign in</a> instead.
          </p>
        </Banner>
      ) : !token ? (
        <Banner tone="error" title="The setup link is incomplete">
          <p>Open the full setup link printed in the Bifrost server log (it ends with ?token=…), or create a user with bifrost admin create.</p>
        </Banner>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p className="auth-lead">Create the first user. You become the instance admin and the owner of your first account.</p>
          <FormError banner title="Setup failed" error={action.error} />
          <Field label="Username" name="username" autoComplete="username" required value={username} onChange={edit(setUsername)} error={touched && !username.trim() ? 'Choose a username.' : null} />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={edit(setPassword)}
            hint="8 to 128 characters; common passwords are refused."
            error={touched ? policy : null}
          />
          <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" required value={confirm} onChange={edit(setConfirm)} error={mismatch} />
          <Field
            label="Account name"
            name="account_name"
            required
            value={accountName}
            onChange={edit(setAccountName)}
            hint="Your channel, brand or team. You can add more accounts later."
            error={touched && !accountName.trim() ? 'Name your first account.' : null}
          />
          <Button type="submit" variant="primary" busy={action.busy} className="btn-block">
            Create user and account
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
