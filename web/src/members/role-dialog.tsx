/** Create or edit a custom role: a name and a set of permissions. */
import { useEffect, useState, type FormEvent } from 'react';
import type { Permission, Role } from '../api/types.ts';
import { createRole, updateRole } from '../api/accounts-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormSubmit } from '../components/form-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { PermissionCheckboxes } from './permission-checkboxes.tsx';

export function RoleDialog({ open, role, onClose, onSaved }: { open: boolean; role?: Role; onClose: () => void; onSaved: () => void }) {
  const can = useCan();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const { busy, error, setError, run } = useFormSubmit();

  useEffect(() => {
    if (!open) return;
    setName(role?.name ?? '');
    setPermissions(role?.permissions ?? ['connections:read']);
    setError(null);
  }, [open, role]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Name the role.');
      return;
    }
    await run(async () => {
      if (role) await updateRole(role.id, { name: name.trim(), permissions });
      else await createRole({ name: name.trim(), permissions });
      onSaved();
      onClose();
    });
  };

  return (
    <FormDialog
      open={open}
      wide
      title={role ? `Edit role ${role.name}` : 'New role'}
      formId="role-form"
      submitLabel="Save"
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
    >
      <Field label="Role name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Moderator" />
      <PermissionCheckboxes legend="Permissions" value={permissions} onChange={setPermissions} grantable={can} idPrefix="role-perm" />
    </FormDialog>
  );
}
