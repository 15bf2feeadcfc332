/** /invite?token=…: join an account from an invite link, signed in or as a new user. */
import { useEffect, useState, type FormEvent } from 'react';
import { setAccountId, setCsrfToken } from '../api/client.ts';
import { acceptInvite, getMe, previewInvite } from '../api/session-api.ts';
import type { Me } from '../api/types.ts';
import { Field } from '../components/field.tsx';
import { Button } from '../components/button.tsx';
import { Banner } from '../components/banner.tsx';
import { FormError } from '../components/form-error.tsx';
import { Spinner } from '../components/spinner.tsx';
import { useLocation } from '../lib/router.tsx';
import { rememberAccount } from '../lib/account-choice.ts';
import { passwordProblem } from '../lib/password-policy.ts';
import { useAction } from '../lib/use-action.ts';
import { AuthCard } from './auth-card.tsx';

export function InvitePage({ onDone }: { onDone: () => void }) {
  const location = useLocation();
  const token = location.search.get('token') ?? '';
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // What the link offers: null when the link is wrong, used or expired; undefined while asking.
  const [offer, setOffer] = useState<{ account_name: string; role_name: string } | null | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  useEffect(() => {
    getMe()
      .then((m) => {
        setCsrfToken(m.csrf_token);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);

  useEffect(() => {
    if (!token) return;
    previewInvite(token)
      .then((o) => setOffer(o))
      .catch(() => setOffer(null));
  }, [token]);

  const accept = async (event?: FormEvent) => {
    event?.preventDefault();
    const problem = me ? null : !username.trim() ? 'Choose a username.' : passwordProblem(password);
    if (problem) return action.fail(problem);
    const join = async () => {
      const result = await acceptInvite(me ? { token } : { token, username: username.trim(), password });
      if (result.csrf_token) setCsrfToken(result.csrf_token);
      rememberAccount(result.account.id);
      setAccountId(result.account.id);
      onDone();
    };
    await action.run(join, { leaves: true });
  };

  return (
    <AuthCard heading="Join an account" tabTitle="Join an account">
      {!token ? (
        <Banner tone="error" title="The invite link is incomplete">
          <p>Open the full link you were sent (it ends with ?token=…).</p>
        </Banner>
      ) : me === undefined || offer === undefined ? (
        <p className="state state-loading" role="status">
          <Spinner /> Checking the invite…
        </p>
      ) : offer === null ? (
        <Banner tone="error" title="This invite link no longer works">
          <p>It is wrong, was used already, or expired. Ask the person who invited you for a new link.</p>
        </Banner>
      ) : (
        <>
          <p className="invite-offer" data-invite-offer>
            You are invited to join <strong>{offer.account_name}</strong> as <strong>{offer.role_name}</strong>.
          </p>
          <FormError banner error={action.error} />
          {me ? (
            <>
              <p className="auth-lead">You are signed in as {me.user.username}. Accept the invite to add this account to yours.</p>
              <Button variant="primary" busy={action.busy} className="btn-block" onClick={() => void accept()}>
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
              <Button type="submit" variant="primary" busy={action.busy} className="btn-block">
                Create user and join
              </Button>
            </form>
          )}
        </>
      )}
    </AuthCard>
  );
}
