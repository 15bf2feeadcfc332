/** The signed-in user, the current account and its permissions, shared with every page. */
import { createContext, useContext, type ReactNode } from 'react';
import type { AccountSummary, Me } from '../api/types.ts';

export interface SessionValue {
  me: Me;
  account: AccountSummary | null;
  /** Whether the user holds a permission in the current account (what decides which buttons exist). */
  can: (permission: string) => boolean;
  isInstanceAdmin: boolean;
  switchAccount: (id: string) => void;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ value, children }: { value: SessionValue; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useCan(): (permission: string) => boolean {
  return useSession().can;
}
