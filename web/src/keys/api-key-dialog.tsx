/** New API key: a name, a subset of the creator's permissions, an optional expiry date. */
import { useEffect, useState, type FormEvent } from 'react';
import { createApiKey } from '../api/accounts-api.ts';
import type { Permission } from '../api/types.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormSubmit } from '../components/form-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { PermissionCheckboxes } from '../members/permission-checkboxes.tsx';

export function ApiKeyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (key: string) => void }) {
  const can = useCan();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [expires, setExpires] = useState('');
  const { busy, error, setError, run } = useFormSubmit();

  useEffect(() => {
    if (!open) return;
    setName('');
    setPermissions(['connections:read']);
    setExpires('');
    setError(null);
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Name the key after what uses it.');
    if (permissions.length === 0) return setError('Choose at least one permission.');
    let expiresAt: string | undefined;
    if (expires) {
      // A date input means "valid through that day" in the user's time zone.
      const end = new Date(`${expires}T23:59:59`);
      if (Number.isNaN(end.getTime()) || end.getTime() <= Date.now()) return setError('Choose an expiry date in the future.');
      expiresAt = end.toISOString();
    }
    await run(async () => {
      const created = await createApiKey({ name: name.trim(), permissions, ...(expiresAt ? { expires_at: expiresAt } : {}) });
      onClose();
      onCreated(created.key);
    });
  };

  return (
    <FormDialog
      open={open}
      wide
      title="New API key"
      formId="api-key-form"
      submitLabel="Create key"
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
    >
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="overlay-server" />
      <PermissionCheckboxes legend="Permissions" value={permissions} onChange={setPermissions} grantable={can} idPrefix="key-perm" />
      <Field label="Expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} hint="Optional. Without a date the key works until revoked." />
    </FormDialog>
  );
}
