/** A fieldset of permission checkboxes; only permissions the user holds can be granted (no escalation). */
import type { Permission } from '../api/types.ts';
import { ALL_PERMISSIONS, PERMISSION_LABELS } from '../lib/permissions.ts';
import { toggled } from '../lib/toggled.ts';

export interface PermissionCheckboxesProps {
  legend: string;
  value: readonly Permission[];
  onChange: (value: Permission[]) => void;
  /** What the current user may grant; others are shown disabled. */
  grantable: (permission: string) => boolean;
  idPrefix: string;
}

export function PermissionCheckboxes({ legend, value, onChange, grantable, idPrefix }: PermissionCheckboxesProps) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">{legend}</legend>
      <ul className="check-list">
        {ALL_PERMISSIONS.map((p) => {
          const id = `${idPrefix}-${p.replace(/[^a-z-]/g, '-')}`;
          const allowed = grantable(p);
          return (
            <li key={p} className="field-check">
              <input id={id} type="checkbox" checked={value.includes(p)} disabled={!allowed} onChange={(e) => onChange(toggled(value, p, e.target.checked))} />
              <label htmlFor={id}>
                <code>{p}</code> <span className="muted">{PERMISSION_LABELS[p]}</span>
                {allowed ? null : <span className="muted"> (you do not hold it)</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
