/** The sidebar: Manage pages, Admin for instance admins; entries the user may not open are not shown. */
import type { ReactNode } from 'react';
import { Link, useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { ROUTES, mayOpen } from '../routes.ts';

const SECTIONS = ['Manage', 'Admin', 'You'] as const;

/** `top`: what sits above the pages (the user menu on a phone). */
export function Sidebar({ top = null }: { top?: ReactNode }) {
  const { pathname } = useLocation();
  const session = useSession();
  const visible = ROUTES.filter((r) => r.nav && mayOpen(r, session.can, session.isInstanceAdmin));
  return (
    <nav className="sidebar" id="sidebar" aria-label="Main">
      {top}
      {SECTIONS.map((section) => {
        const items = visible.filter((r) => r.nav?.section === section);
        if (items.length === 0) return null;
        return (
          <div className="nav-section" key={section}>
            <h2 className="nav-heading">{section}</h2>
            <ul className="nav-list">
              {items.map((r) => (
                <li key={r.path}>
                  <Link to={r.path} className="nav-link" aria-current={pathname === r.path ? 'page' : undefined}>
                    {r.nav?.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
