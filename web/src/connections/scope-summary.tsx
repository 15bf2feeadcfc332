/** The first three scopes as chips and a +N button that opens the Scopes dialog. */
import { useState } from 'react';
import { ScopesDialog } from './scopes-dialog.tsx';

const SHOWN = 3;

export function ScopeSummary({ platform, scopes }: { platform: string; scopes: readonly string[] }) {
  const [open, setOpen] = useState(false);
  if (scopes.length === 0) return <span className="muted">none</span>;
  const rest = scopes.length - SHOWN;
  return (
    <span className="scope-chips">
      {scopes.slice(0, SHOWN).map((s) => (
        <code className="chip" key={s}>
          {s}
        </code>
      ))}
      {rest > 0 ? (
        <button type="button" className="chip chip-button" onClick={() => setOpen(true)}>
          +{rest}
          <span className="visually-hidden"> more: show all {scopes.length} scopes</span>
        </button>
      ) : null}
      <ScopesDialog open={open} platform={platform} scopes={scopes} onClose={() => setOpen(false)} />
    </span>
  );
}
