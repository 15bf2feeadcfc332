/** The signed-in layout: top bar (menu button, logo, and on wide screens the user menu), sidebar (on a phone, the menu with the user menu in it), and the current page. */
import { useEffect, useRef, useState } from 'react';
import { useLocation, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useMediaQuery, WIDE_LAYOUT } from '../lib/use-media-query.ts';
import { findRoute, HOME, mayOpen } from '../routes.ts';
import { Sidebar } from './sidebar.tsx';
import { UserMenu } from './user-menu.tsx';
import { Logo } from '../components/logo.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { ForbiddenPage } from './forbidden-page.tsx';
import { NoAccountPage } from './no-account-page.tsx';

export function Shell() {
  const location = useLocation();
  const session = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const wide = useMediaQuery(WIDE_LAYOUT);
  const firstRender = useRef(true);

  const isRoot = location.pathname === '/dashboard' || location.pathname === '/' || location.pathname === '';
  useEffect(() => {
    if (isRoot) navigate(HOME + window.location.search, { replace: true });
  }, [isRoot]);

  const route = findRoute(location.pathname);
  const allowed = route ? mayOpen(route, session.can, session.isInstanceAdmin) : false;

  useEffect(() => {
    document.title = `${route?.title ?? 'Not found'} · Bifrost`;
    setMenuOpen(false);
    // Move focus to the new page's heading so keyboard and screen-reader users land on it (not on the first render).
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.requestAnimationFrame(() => document.getElementById('page-title')?.focus());
  }, [location.pathname, route?.title]);

  const Page = route?.component;
  return (
    <div className={`shell${menuOpen ? ' shell-menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          aria-label={menuOpen ? 'Close menu' : 'Open menu'}
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">{menuOpen ? '×' : '☰'}</span>
        </button>
        <a className="topbar-brand" href={HOME} aria-label="Bifrost home">
          <Logo />
        </a>
        {wide ? <UserMenu placement="topbar" /> : null}
      </header>
      <Sidebar top={wide ? null : <UserMenu placement="menu" />} />
      <main className="content" id="main">
        {isRoot ? null : !route || !Page ? <NotFoundPage /> : !session.account && !route.instanceAdmin && route.permission ? <NoAccountPage /> : allowed ? <Page /> : <ForbiddenPage permission={route.permission} />}
      </main>
    </div>
  );
}
