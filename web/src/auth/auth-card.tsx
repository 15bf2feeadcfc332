/** The centred card of the pages outside a session (setup, sign-in, invite): logo, heading, and the tab's title. */
import { useEffect, type ReactNode } from 'react';
import { Logo } from '../components/logo.tsx';

export interface AuthCardProps {
  heading: string;
  /** The browser tab's title, before " · Bifrost". */
  tabTitle: string;
  wide?: boolean;
  children: ReactNode;
}

export function AuthCard({ heading, tabTitle, wide = false, children }: AuthCardProps) {
  useEffect(() => {
    document.title = `${tabTitle} · Bifrost`;
  }, [tabTitle]);
  return (
    <main className="auth-layout" id="main">
      <div className={`auth-card${wide ? ' auth-card-wide' : ''}`}>
        <Logo />
        <h1 className="auth-title">{heading}</h1>
        {children}
      </div>
    </main>
  );
}
