/** Roles: the built-in four (read-only) and the account's custom roles (roles:edit). */
import { useState } from 'react';
import type { Role } from '../api/types.ts';
import { deleteRole } from '../api/accounts-api.ts';
import { Button } from '../components/button.tsx';
import { Badge } from '../components/badge.tsx';
import { Panel } from '../components/panel.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useCan } from '../lib/session.tsx';
import { RoleDialog } from './role-dialog.tsx';

export function RolesPanel({ roles, onChanged }: { roles: Role[]; onChanged: () => void }) {
  const can = useCan();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const mayEdit = can('roles:edit');
  return (
    <Panel
      title="Roles"
      headingId="roles-heading"
      description="What each role may do in this account. Built-in roles cannot be changed."
      action={
        mayEdit ? (
          <Button variant="primary" onClick={() => setEditing('new')}>
            New role
          </Button>
        ) : null
      }
    >
      <ul className="row-list">
        {roles.map((r) => (
          <Row
            key={r.id}
            data-role={r.name}
            title={
              <>
                {r.name} {r.builtin ? <Badge>Built-in</Badge> : <Badge tone="info">Custom</Badge>}
              </>
            }
            actions={
              mayEdit && !r.builtin ? (
                <>
                  <Button small onClick={() => setEditing(r)}>
                    Edit
                  </Button>
                  <RowAction
                    small
                    variant="danger"
                    confirm={{ title: `Delete role ${r.name}`, message: 'Delete this role? It must not be assigned to any member.', confirmLabel: 'Delete' }}
                    run={() => deleteRole(r.id).then(onChanged)}
                  >
                    Delete
                  </RowAction>
                </>
              ) : null
            }
          >
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
          </Row>
        ))}
      </ul>
      <RoleDialog open={editing !== null} role={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} onSaved={onChanged} />
    </Panel>
  );
}
