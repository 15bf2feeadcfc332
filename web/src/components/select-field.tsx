/** A labelled <select> with an optional hint. */
import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  hint?: ReactNode;
  children: ReactNode;
}

export function SelectField({ label, hint, id, children, className = '', ...select }: SelectFieldProps) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className={`field ${className}`}>
      <label className="field-label" htmlFor={selectId}>
        {label}
      </label>
      <select id={selectId} className="input" aria-describedby={hint ? `${selectId}-hint` : undefined} {...select}>
        {children}
      </select>
      {hint ? (
        <p className="field-hint" id={`${selectId}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
