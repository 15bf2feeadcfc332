/** Copies a value and says so (politely announced), without ever rendering it again. */
import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.ts';

export function CopyButton({ value, label = 'Copy', what }: { value: string; label?: string; what?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(t);
  }, [state]);
  const copy = async () => setState((await copyText(value)) ? 'copied' : 'failed');
  return (
    <>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => void copy()}>
        <span>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}</span>
        {/* The visible word plus what is copied, so the accessible name starts with what sighted users read. */}
        {what ? <span className="visually-hidden"> {what}</span> : null}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Copy failed; select the text and copy it yourself' : ''}
      </span>
    </>
  );
}
