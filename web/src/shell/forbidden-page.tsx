/** A page the user's role does not allow: say which permission, and who can grant it. */
import { MessagePage } from './message-page.tsx';

export function ForbiddenPage({ permission }: { permission?: string | undefined }) {
  return (
    <MessagePage title="You cannot open this page">
      <p>
        {permission ? (
          <>
            It needs the <code>{permission}</code> permission in this account.
          </>
        ) : (
          'It is for instance admins.'
        )}{' '}
        Ask an account owner to adjust your role.
      </p>
    </MessagePage>
  );
}
