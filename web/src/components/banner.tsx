/** A coloured message above content: green for success, red for errors, amber for warnings, blue for info. */
import type { ReactNode } from 'react';

export type BannerTone = 'success' | 'error' | 'warning' | 'info';

export interface BannerProps {
  tone: BannerTone;
  title?: string;
  children?: ReactNode;
  onDismiss?: () => void;
  className?: string;
}

const ICONS: Record<BannerTone, string> = { success: '✓', error: '!', warning: '!', info: 'i' };

export function Banner({ tone, title, children, onDismiss, className = '' }: BannerProps) {
  // Errors interrupt (alert); everything else is announced politely (status).
  const role = tone === 'error' ? 'alert' : 'status';
  return (
    <div className={`banner banner-${tone} ${className}`} role={role}>
      <span className="banner-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="banner-text">
        {title ? <p className="banner-title">{title}</p> : null}
        {children ? <div className="banner-body">{children}</div> : null}
      </div>
      {onDismiss ? (
        <button type="button" className="icon-button banner-dismiss" aria-label="Dismiss" onClick={onDismiss}>
          <span aria-hidden="true">×</span>
        </button>
      ) : null}
    </div>
  );
}
