/** Shows a newly created secret exactly once, with a copy button and a warning that it will not be shown again. */
import { useId } from 'react';
import { CopyButton } from './copy-button.tsx';
import { Banner } from './banner.tsx';

export function SecretReveal({ label, value, note }: { label: string; value: string; note?: string }) {
  const id = useId();
  return (
    <div className="secret-reveal">
      <Banner tone="warning" title="Copy it now">
        {note ?? 'This is the only time it is shown. Bifrost keeps only a hash or an encrypted copy and cannot show it again.'}
      </Banner>
      <div className="secret-row">
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        <div className="secret-value-line">
          <input id={id} className="input mono" readOnly value={value} data-secret="" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={value} what={label} />
        </div>
      </div>
    </div>
  );
}
