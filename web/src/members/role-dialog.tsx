/** Create or edit a custom role: a name and a set of permissions. */
import { useState } from 'react';
import type { Permission, Role } from '../api/types.ts';
import { createRole, updateRole } from '../api/accounts-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { PermissionCheckboxes } from './permission-checkboxes.tsx';

export function RoleDialog({ open, role, onClose, onSaved }: { open: boolean; role?: Role; onClose: () => void; onSaved: () => void }) {
  const can = useCan();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const dialog = useFormDialog({
    open,
    onClose,
    reset: () => {
      setName(role?.name ?? '');
      setPermissions(role?.permissions ?? ['connections:read']);
    },
    check: () => (name.trim() ? null : 'Name the role.'),
    submit: async () => {
      if (role) await updateRole(role.id, { name: name.trim(), permissions });
      else await createRole({ name: name.trim(), permissions });
      onSaved();
    },
  });

  return (
    <FormDialog dialog={dialog} wide title={role ? `Edit role ${role.name}` : 'New role'} submitLabel="Save">
      <Field label="Role name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Moderator" />
      <PermissionCheckboxes legend="Permissions" value={permissions} onChange={setPermissions} grantable={can} idPrefix="role-perm" />
    </FormDialog>
  );
}
