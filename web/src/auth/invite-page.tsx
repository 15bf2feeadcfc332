/** /invite?token=…: join an account from an invite link, signed in or as a new user. */
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, setAccountId, setCsrfToken } from '../api/client.ts';
import { acceptInvite, getMe } from '../api/session-api.ts';
import type { Me } from '../api/types.ts';
import { Field } from '../components/field.tsx';
import { Button } from '../components/button.tsx';
import { Banner } from '../components/banner.tsx';
import { Logo } from '../components/logo.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useLocation } from '../lib/router.tsx';
import { rememberAccount } from '../lib/account-choice.ts';
import { passwordProblem } from '../lib/password-policy.ts';

export function InvitePage({ onDone }: { onDone: () => void }) {
  const location = useLocation();
  const token = location.search.get('token') ?? '';
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Join an account · Bifrost';
    getMe()
      .then((m) => {
        setCsrfToken(m.csrf_token);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);

  const accept = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!me) {
      if (!username.trim()) return setError('Choose a username.');
      const problem = passwordProblem(password);
      if (problem) return setError(problem);
    }
    setBusy(true);
    setError(null);
    try {
      const result = await acceptInvite(me ? { token } : { token, username: username.trim(), password });
      if (result.csrf_token) setCsrfToken(result.csrf_token);
      rememberAccount(result.account.id);
      setAccountId(result.account.id);
      onDone();
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };

  return (
    <main className="auth-layout" id="main">
      <div className="auth-card">
        <Logo />
        <h1 className="auth-title">Join an account</h1>
        {!token ? (
          <Banner tone="error" title="The invite link is incomplete">
            <p>Open the full link you were sent (it ends with ?token=…).</p>
          </Banner>
        ) : me === undefined ? (
          <p className="state state-loading" role="status">
            <Spinner /> Checking the invite…
          </p>
        ) : (
          <>
            {error ? <Banner tone="error">{error}</Banner> : null}
            {me ? (
              <>
                <p className="auth-lead">You are signed in as {me.user.username}. Accept the invite to add this account to yours.</p>
                <Button variant="primary" busy={busy} className="btn-block" onClick={() => void accept()}>
                  Accept invite
                </Button>
              </>
            ) : (
              <form onSubmit={(e) => void accept(e)} noValidate>
                <p className="auth-lead">
                  Create your Bifrost user to join. Already have one? <a href="/dashboard">Sign in</a> first, then open this link again.
                </p>
                <Field label="Username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
                <Field label="Password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} hint="8 to 128 characters; common passwords are refused." />
                <Button type="submit" variant="primary" busy={busy} className="btn-block">
                  Create user and join
                </Button>
              </form>
            )}
          </>
        )}
      </div>
    </main>
  );
}
