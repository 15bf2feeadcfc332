/** /dashboard/settings: your password and your accounts. */
import { PageHeader } from '../components/page-header.tsx';
import { PasswordPanel } from './password-panel.tsx';
import { AccountPanel } from './account-panel.tsx';
import { useSession } from '../lib/session.tsx';

export function SettingsPage() {
  const { me } = useSession();
  return (
    <>
      <PageHeader title="Settings" description={`Signed in as ${me.user.username}${me.user.is_instance_admin ? ' (instance admin)' : ''}.`} />
      <PasswordPanel />
      <AccountPanel />
    </>
  );
}
