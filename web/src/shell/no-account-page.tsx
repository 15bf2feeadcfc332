/** A signed-in user who belongs to no account (removed from all, or left): how to get one. */
import { MessagePage } from './message-page.tsx';

export function NoAccountPage() {
  return (
    <MessagePage title="No account yet">
      <p>You are not a member of any account. Create one under Settings, or ask an account owner for an invite link.</p>
    </MessagePage>
  );
}
