/**
 * Who is signed in, which account they act on, and Sign out: in the top bar on wide screens, inside
 * the menu on a phone (the top bar has no room for them there).
 */
import { useSession } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { Button } from '../components/button.tsx';
import { AccountSwitcher } from './account-switcher.tsx';

export function UserMenu({ placement }: { placement: 'topbar' | 'menu' }) {
  const session = useSession();
  const signingOut = useAction();
  return (
    <div className={`user-menu user-menu-${placement}`}>
      <AccountSwitcher />
      <span className="topbar-user" title="Signed in as">
        {session.me.user.username}
      </span>
      <Button small busy={signingOut.busy} onClick={() => void signingOut.run(session.signOut, { leaves: true })}>
        Sign out
      </Button>
    </div>
  );
}
