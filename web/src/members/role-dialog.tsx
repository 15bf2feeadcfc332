/** Create or edit a custom role: a name and a set of permissions. */
import { useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../api/types.ts';
import { createRole, updateRole } from '../api/accounts-api.ts';
import { errorMessage } from '../api/client.ts';
import { Dialog } from '../components/dialog.tsx';
import { Button } from '../components/button.tsx';
import { Field } from '../components/field.tsx';
import { Banner } from '../components/banner.tsx';
import { useCan } from '../lib/session.tsx';
import { PermissionCheckboxes } from './permission-checkboxes.tsx';

export function RoleDialog({ open, role, onClose, onSaved }: { open: boolean; role?: Role; onClose: () => void; onSaved: () => void }) {
  const can = useCan();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
    setBusy(true);
    setError(null);
    try {
      if (role) await updateRole(role.id, { name: name.trim(), permissions });
      else await createRole({ name: name.trim(), permissions });
      setBusy(false);
      onSaved();
      onClose();
    } catch (err) {
      setBusy(false);
      setError(errorMessage(err));
    }
  };

  return (
    <Dialog
      open={open}
      wide
      title={role ? `Edit role ${role.name}` : 'New role'}
      onClose={() => !busy && onClose()}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form="role-form" variant="primary" busy={busy}>
            Save
          </Button>
        </>
      }
    >
      <form id="role-form" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <Banner tone="error">{error}</Banner> : null}
        <Field label="Role name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Moderator" />
        <PermissionCheckboxes legend="Permissions" value={permissions} onChange={setPermissions} grantable={can} idPrefix="role-perm" />
      </form>
    </Dialog>
  );
}
