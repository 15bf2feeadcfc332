/** A page the user's role does not allow: say which permission, and who can grant it. */
export function ForbiddenPage({ permission }: { permission?: string | undefined }) {
  return (
    <div className="state state-empty">
      <h1 className="page-title" tabIndex={-1} id="page-title">
        You cannot open this page
      </h1>
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
    </div>
  );
}
