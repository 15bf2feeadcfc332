/** A link that looks like a button: it goes to another dashboard page (Back to Connections, Set Up). */
import type { ReactNode } from 'react';
import { Link } from '../lib/router.tsx';
import type { ButtonVariant } from './button.tsx';

export function LinkButton({ to, variant = 'secondary', small = false, children }: { to: string; variant?: ButtonVariant; small?: boolean; children: ReactNode }) {
  return (
    <Link to={to} className={`btn btn-${variant}${small ? ' btn-small' : ''}`}>
      <span>{children}</span>
    </Link>
  );
}
