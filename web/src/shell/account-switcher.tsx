/** Picks the account every request acts on (sent as X-Bifrost-Account). */
import { useId } from 'react';
import { useSession } from '../lib/session.tsx';

export function AccountSwitcher() {
  const session = useSession();
  const id = useId();
  const accounts = session.me.accounts;
  if (accounts.length === 0) return null;
  return (
    <div className="account-switcher">
      <label htmlFor={id} className="visually-hidden">
        Account
      </label>
      <select id={id} className="input input-compact" value={session.account?.id ?? ''} onChange={(e) => session.switchAccount(e.target.value)}>
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.role_name ?? a.role})
          </option>
        ))}
      </select>
    </div>
  );
}
