/** A page that is only a message (not found, not allowed, no account): its heading takes the focus like any page title. */
import type { ReactNode } from 'react';

export function MessagePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="state state-empty">
      <h1 className="page-title" tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children}
    </div>
  );
}
