/** The Audit Log's filters: action (exact or prefix with *), actor, and a time window. */
import { useState, type FormEvent } from 'react';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';

export interface AuditFilterValues {
  action: string;
  actor: string;
  since: string;
  until: string;
  /** Instance admins: instance-level events instead of this account's. */
  instance: boolean;
}

export const EMPTY_FILTERS: AuditFilterValues = { action: '', actor: '', since: '', until: '', instance: false };

const COMMON_ACTIONS = [
  'auth.*',
  'integration.*',
  'integration.connected',
  'integration.disconnected',
  'integration.reconnected',
  'integration.token_refreshed',
  'integration.token_error',
  'integration.status_updated',
  'member.*',
  'api_key.*',
  'app_credentials.*',
  'platform.*',
  'tool.*',
];

export interface AuditFiltersProps {
  initial: AuditFilterValues;
  onApply: (values: AuditFilterValues) => void;
  /** Offer the instance-wide scope (instance admins only). */
  instanceScope: boolean;
}

export function AuditFilters({ initial, onApply, instanceScope }: AuditFiltersProps) {
  const [values, setValues] = useState(initial);
  const set = (key: Exclude<keyof AuditFilterValues, 'instance'>, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter the audit log">
      <Field label="Action" list="audit-actions" value={values.action} onChange={(e) => set('action', e.target.value)} placeholder="integration.*" />
      <datalist id="audit-actions">
        {COMMON_ACTIONS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <Field label="Actor" value={values.actor} onChange={(e) => set('actor', e.target.value)} placeholder="usr_… or system" />
      <Field label="Since" type="datetime-local" value={values.since} onChange={(e) => set('since', e.target.value)} />
      <Field label="Until" type="datetime-local" value={values.until} onChange={(e) => set('until', e.target.value)} />
      {instanceScope ? (
        <div className="field field-check">
          <input id="audit-instance" type="checkbox" checked={values.instance} onChange={(e) => setValues((v) => ({ ...v, instance: e.target.checked }))} />
          <label htmlFor="audit-instance">Instance events (sign-ins, setup, platforms)</label>
        </div>
      ) : null}
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button
          onClick={() => {
            setValues(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Reset
        </Button>
      </div>
    </form>
  );
}
