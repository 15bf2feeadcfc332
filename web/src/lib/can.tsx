/**
 * The one way the dashboard hides what a member may not do: `<Can permission="…">button</Can>`, or
 * `useCan()` where a prop needs the answer. The permission is the one the API route checks, so a
 * button that would answer 403 is never shown.
 */
import type { ReactNode } from 'react';
import type { Permission } from '../api/types.ts';
import { useCan } from './session.tsx';

export function Can({ permission, children, otherwise = null }: { permission: Permission; children: ReactNode; otherwise?: ReactNode }) {
  return <>{useCan()(permission) ? children : otherwise}</>;
}
