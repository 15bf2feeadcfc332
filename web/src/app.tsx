/** The root: decides between setup, sign-in and the signed-in shell, and owns the session. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { ApiError, errorMessage, onUnauthorized, setAccountId, setCsrfToken } from './api/client.ts';
import { getMe, getSetupStatus, signOut as apiSignOut } from './api/session-api.ts';
import { listPlatforms } from './api/integrations-api.ts';
import type { Me } from './api/types.ts';
import { chooseAccount, rememberAccount } from './lib/account-choice.ts';
import { navigate, useLocation } from './lib/router.tsx';
import { SessionProvider, type SessionValue } from './lib/session.tsx';
import { platformDirectory, PlatformsProvider, type PlatformDirectory } from './lib/platforms.tsx';
import { Shell } from './shell/shell.tsx';
import { SetupPage } from './auth/setup-page.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { InvitePage } from './auth/invite-page.tsx';
import { BootScreen } from './shell/boot-screen.tsx';

type Phase =
  | { name: 'loading' }
  | { name: 'signed-out'; needsSetup: boolean; expired: boolean }
  | { name: 'error'; message: string }
  | { name: 'ready'; me: Me; accountId: string | null; platforms: PlatformDirectory };

export function App() {
  const location = useLocation();
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });

  const load = useCallback(async (options: { expired?: boolean } = {}) => {
    try {
      const me = await getMe();
      setCsrfToken(me.csrf_token);
      const accountId = chooseAccount(me);
      setAccountId(accountId);
      // Only once signed in (a request before would answer 401): names, brand colours and capabilities for every page.
      const platforms = platformDirectory(await listPlatforms());
      setPhase({ name: 'ready', me, accountId, platforms });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setCsrfToken(null);
        const needsSetup = await getSetupStatus()
          .then((s) => s.needs_setup)
          .catch(() => false);
        setPhase({ name: 'signed-out', needsSetup, expired: options.expired ?? false });
        return;
      }
      setPhase({ name: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setPhase({ name: 'signed-out', needsSetup: false, expired: true });
    });
    return () => onUnauthorized(null);
  }, []);

  // /setup and /invite are reached from links outside the dashboard and work without a session.
  const onSetupPage = location.pathname === '/setup';
  const onInvitePage = location.pathname === '/invite';
  const standalone = onSetupPage || onInvitePage;
  useEffect(() => {
    if (!standalone) void load();
  }, [standalone, load]);

  const session = useMemo<SessionValue | null>(() => {
    if (phase.name !== 'ready') return null;
    const account = phase.me.accounts.find((a) => a.id === phase.accountId) ?? null;
    const permissions = new Set<string>(account?.permissions ?? []);
    return {
      me: phase.me,
      account,
      can: (p: string) => permissions.has(p),
      isInstanceAdmin: phase.me.user.is_instance_admin,
      switchAccount: (id: string) => {
        rememberAccount(id);
        setAccountId(id);
        setPhase({ ...phase, accountId: id });
      },
      refresh: () => load(),
      signOut: async () => {
        // Leave the signed-in pages first (synchronously, so their polling timers stop now): a poll
        // that reached the server after the session ended would answer 401 on the way out.
        flushSync(() => setPhase({ name: 'signed-out', needsSetup: false, expired: false }));
        try {
          await apiSignOut();
        } finally {
          setCsrfToken(null);
        }
      },
    };
  }, [phase, load]);

  if (onSetupPage) {
    return (
      <SetupPage
        onDone={() => {
          navigate('/dashboard/connections', { replace: true });
        }}
      />
    );
  }

  if (onInvitePage) {
    return <InvitePage onDone={() => navigate('/dashboard/connections', { replace: true })} />;
  }

  switch (phase.name) {
    case 'loading':
      return <BootScreen />;
    case 'error':
      return <BootScreen error={phase.message} onRetry={() => void load()} />;
    case 'signed-out':
      return <SignInPage needsSetup={phase.needsSetup} expired={phase.expired} onSignedIn={() => load()} />;
    case 'ready':
      return session ? (
        <SessionProvider value={session}>
          <PlatformsProvider value={phase.platforms}>
            {/* Keyed by account: switching accounts remounts every page, so nothing of the previous account lingers. */}
            <Shell key={phase.accountId ?? 'none'} />
          </PlatformsProvider>
        </SessionProvider>
      ) : null;
  }
}
