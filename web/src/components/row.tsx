/** One item of a list (`ul.row-list`): its title, meta line and more, the error of its actions, and its buttons. */
import type { LiHTMLAttributes, ReactNode } from 'react';
import type { Action } from '../lib/use-action.ts';
import { ActionFeedback } from './action-feedback.tsx';

export interface RowProps extends Omit<LiHTMLAttributes<HTMLLIElement>, 'title'> {
  title?: ReactNode;
  meta?: ReactNode;
  /** Lines under the meta line: chips, token expiry, switches, a test result. */
  children?: ReactNode;
  /** The row's API calls: their error (or success line) shows under the text. */
  action?: Pick<Action, 'error' | 'success'>;
  /** The buttons on the right; no column when there are none. */
  actions?: ReactNode;
  /** What the browser tests and styles find the row by (data-key, data-bot, …). */
  [dataAttribute: `data-${string}`]: string | undefined;
}

export function Row({ title, meta, children, action, actions, className = '', ...attributes }: RowProps) {
  return (
    <li className={`row-item${className ? ` ${className}` : ''}`} {...attributes}>
      <div className="row-main">
        {title ? <p className="row-title">{title}</p> : null}
        {meta ? <p className="row-meta">{meta}</p> : null}
        {children}
        {action ? <ActionFeedback action={action} /> : null}
      </div>
      {actions ? <div className="row-actions">{actions}</div> : null}
    </li>
  );
}
