/** A signed-in user who belongs to no account (removed from all, or left): how to get one. */
export function NoAccountPage() {
  return (
    <div className="state state-empty">
      <h1 className="page-title" tabIndex={-1} id="page-title">
        No account yet
      </h1>
      <p>You are not a member of any account. Create one under Settings, or ask an account owner for an invite link.</p>
    </div>
  );
}
