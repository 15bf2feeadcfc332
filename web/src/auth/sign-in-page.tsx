/** Sign-in with username and password; says when a session ended or the server still needs setting up. */
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage, setCsrfToken } from '../api/client.ts';
import { signIn } from '../api/session-api.ts';
import { Field } from '../components/field.tsx';
import { Button } from '../components/button.tsx';
import { Banner } from '../components/banner.tsx';
import { FormError } from '../components/form-error.tsx';
import { useAction } from '../lib/use-action.ts';
import { AuthCard } from './auth-card.tsx';

export interface SignInPageProps {
  needsSetup: boolean;
  expired: boolean;
  onSignedIn: () => Promise<void>;
}

function describe(err: unknown): string {
  if (err instanceof ApiError && err.status === 429) return `${err.message} Too many attempts; wait a moment before trying again.`;
  if (err instanceof ApiError && err.status === 401) return 'Wrong username or password.';
  return errorMessage(err);
}

export function SignInPage({ needsSetup, expired, onSignedIn }: SignInPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) return action.fail('Enter your username and password.');
    const signedIn = async () => {
      const result = await signIn({ username, password });
      setCsrfToken(result.csrf_token);
      setPassword('');
      await onSignedIn();
    };
    await action.run(signedIn, { leaves: true, describe });
  };

  return (
    <AuthCard heading="Sign in to Bifrost" tabTitle="Sign in">
      {needsSetup ? (
        <Banner tone="info" title="This server is not set up yet">
          <p>Open the one-time setup link printed in the Bifrost server log (/setup?token=…) to create the first user.</p>
        </Banner>
      ) : null}
      {expired && !action.error ? <Banner tone="warning" title="Your session ended">Sign in again to continue.</Banner> : null}
      <FormError banner error={action.error} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Button type="submit" variant="primary" busy={action.busy} className="btn-block">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
