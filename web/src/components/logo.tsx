/** The Bifrost mark and name (an inline SVG: no image request, nothing third-party). */
export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <span className="logo">
      <svg className="logo-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" className="logo-bg" />
        <path d="M5 23c4-10 18-10 22 0" className="logo-arc" />
      </svg>
      {compact ? null : <span className="logo-text">Bifrost</span>}
    </span>
  );
}
