/** Remembers which account the user last worked in (an id, not a secret) so a reload stays there. */
import type { Me } from '../api/types.ts';

const KEY = 'bifrost.account';

export function rememberAccount(id: string): void {
  try {
    window.localStorage.setItem(KEY, id);
  } catch {
    // storage may be disabled; the server's default account is fine then
  }
}

export function chooseAccount(me: Me): string | null {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(KEY);
  } catch {
    stored = null;
  }
  if (stored && me.accounts.some((a) => a.id === stored)) return stored;
  if (me.current_account_id && me.accounts.some((a) => a.id === me.current_account_id)) return me.current_account_id;
  return me.accounts[0]?.id ?? null;
}
