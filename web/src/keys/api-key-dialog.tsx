/** New API key: a name, a subset of the creator's permissions, an optional expiry date. */
import { useState } from 'react';
import { createApiKey } from '../api/accounts-api.ts';
import type { Permission } from '../api/types.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import type { CreateDialogProps } from '../components/key-list-page.tsx';
import { useCan } from '../lib/session.tsx';
import { PermissionCheckboxes } from '../members/permission-checkboxes.tsx';

/** A date input means "valid through that day" in the user's time zone; null when it is not in the future. */
function endOfDay(date: string): string | null {
  const end = new Date(`${date}T23:59:59`);
  return Number.isNaN(end.getTime()) || end.getTime() <= Date.now() ? null : end.toISOString();
}

export function ApiKeyDialog({ open, onClose, onCreated }: CreateDialogProps) {
  const can = useCan();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const [expires, setExpires] = useState('');
  const dialog = useFormDialog({
    open,
    onClose,
    reset: () => {
      setName('');
      setPermissions(['connections:read']);
      setExpires('');
    },
    check: () => {
      if (!name.trim()) return 'Name the key after what uses it.';
      if (permissions.length === 0) return 'Choose at least one permission.';
      return expires && !endOfDay(expires) ? 'Choose an expiry date in the future.' : null;
    },
    submit: async () => {
      const expiresAt = expires ? endOfDay(expires) : null;
      const created = await createApiKey({ name: name.trim(), permissions, ...(expiresAt ? { expires_at: expiresAt } : {}) });
      onCreated(created.key);
    },
  });

  return (
    <FormDialog dialog={dialog} wide title="New API key" submitLabel="Create key">
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="overlay-server" />
      <PermissionCheckboxes legend="Permissions" value={permissions} onChange={setPermissions} grantable={can} idPrefix="key-perm" />
      <Field label="Expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} hint="Optional. Without a date the key works until revoked." />
    </FormDialog>
  );
}
