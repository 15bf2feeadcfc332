/** Roles: the built-in four (read-only) and the account's custom roles (roles:edit). */
import { useState } from 'react';
import type { Role } from '../api/types.ts';
import { deleteRole } from '../api/accounts-api.ts';
import { Button } from '../components/button.tsx';
import { Badge } from '../components/badge.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { RoleDialog } from './role-dialog.tsx';

export function RolesPanel({ roles, onChanged }: { roles: Role[]; onChanged: () => void }) {
  const can = useCan();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const mayEdit = can('roles:edit');
  return (
    <section className="panel" aria-labelledby="roles-heading">
      <div className="panel-head">
        <div>
          <h2 className="panel-title" id="roles-heading">
            Roles
          </h2>
          <p className="panel-description">What each role may do in this account. Built-in roles cannot be changed.</p>
        </div>
        {mayEdit ? (
          <Button variant="primary" onClick={() => setEditing('new')}>
            New role
          </Button>
        ) : null}
      </div>
      <ul className="row-list">
        {roles.map((r) => (
          <li className="row-item" key={r.id} data-role={r.name}>
            <div className="row-main">
              <p className="row-title">
                {r.name} {r.builtin ? <Badge>Built-in</Badge> : <Badge tone="info">Custom</Badge>}
              </p>
              <p className="row-meta perm-chips">
                {r.permissions.length === 0 ? (
                  <span className="muted">no permissions</span>
                ) : (
                  r.permissions.map((p) => (
                    <code className="chip" key={p}>
                      {p}
                    </code>
                  ))
                )}
              </p>
            </div>
            {mayEdit && !r.builtin ? (
              <div className="row-actions">
                <Button small onClick={() => setEditing(r)}>
                  Edit
                </Button>
                <Button small variant="danger" onClick={() => setDeleting(r)}>
                  Delete
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <RoleDialog open={editing !== null} role={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} onSaved={onChanged} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete role ${deleting?.name ?? ''}`}
        message="Delete this role? It must not be assigned to any member."
        confirmLabel="Delete"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await deleteRole(deleting.id);
          onChanged();
        }}
      />
    </section>
  );
}
