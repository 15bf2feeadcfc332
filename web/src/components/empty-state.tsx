/** What a list shows when it has nothing yet, with the next step. */
import type { ReactNode } from 'react';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <div>{children}</div> : null}
      {action ? <div className="state-action">{action}</div> : null}
    </div>
  );
}
