/** Sign-in with username and password; says when a session ended or the server still needs setting up. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, setCsrfToken } from '../api/client.ts';
import { signIn } from '../api/session-api.ts';
import { Field } from '../components/field.tsx';
import { Button } from '../components/button.tsx';
import { Banner } from '../components/banner.tsx';
import { Logo } from '../components/logo.tsx';

export interface SignInPageProps {
  needsSetup: boolean;
  expired: boolean;
  onSignedIn: () => Promise<void>;
}

export function SignInPage({ needsSetup, expired, onSignedIn }: SignInPageProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Sign in · Bifrost';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await signIn({ username, password });
      setCsrfToken(result.csrf_token);
      setPassword('');
      await onSignedIn();
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 429) setError(`${err.message} Too many attempts; wait a moment before trying again.`);
      else if (err instanceof ApiError && err.status === 401) setError('Wrong username or password.');
      else setError(errorMessage(err));
    }
  };

  return (
    <main className="auth-layout" id="main">
      <div className="auth-card">
        <Logo />
        <h1 className="auth-title">Sign in to Bifrost</h1>
        {needsSetup ? (
          <Banner tone="info" title="This server is not set up yet">
            <p>Open the one-time setup link printed in the Bifrost server log (/setup?token=…) to create the first user.</p>
          </Banner>
        ) : null}
        {expired && !error ? <Banner tone="warning" title="Your session ended">Sign in again to continue.</Banner> : null}
        {error ? <Banner tone="error">{error}</Banner> : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field label="Username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            Sign in
          </Button>
        </form>
      </div>
    </main>
  );
}
