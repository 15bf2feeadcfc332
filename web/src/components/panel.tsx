/** A titled section of a page (`section.panel`): heading, description, the section's main button, content. */
import type { ReactNode } from 'react';

export interface PanelProps {
  title: string;
  headingId: string;
  description?: ReactNode;
  /**
   * The section's main button, beside the heading. A panel that has one passes null when the user may
   * not use it, so its head keeps the same layout; a panel without one leaves it out.
   */
  action?: ReactNode;
  /** The anchor other pages link to (#integrations). */
  id?: string;
  children?: ReactNode;
}

export function Panel({ title, headingId, description, action, id, children }: PanelProps) {
  const text = (
    <>
      <h2 className="panel-title" id={headingId}>
        {title}
      </h2>
      {description ? <p className="panel-description">{description}</p> : null}
    </>
  );
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      {action === undefined ? (
        text
      ) : (
        <div className="panel-head">
          <div>{text}</div>
          {action}
        </div>
      )}
      {children}
    </section>
  );
}
