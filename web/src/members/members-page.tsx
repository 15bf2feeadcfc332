/** /dashboard/members: who is in this account, with which role; invites; custom roles. */
import { listMembers, listRoles } from '../api/accounts-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Panel } from '../components/panel.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { MemberRow } from './member-row.tsx';
import { InvitePanel } from './invite-panel.tsx';
import { RolesPanel } from './roles-panel.tsx';

async function load() {
  const [members, roles] = await Promise.all([listMembers(), listRoles()]);
  return { members, roles };
}

export function MembersPage() {
  const can = useCan();
  const [resource, reload] = useResource(load);
  return (
    <>
      <PageHeader title="Members & Roles" description="Give teammates access to this account. Each member has one role; a role is a set of permissions." />
      <ResourceView resource={resource} what="members" onRetry={() => void reload()}>
        {({ members, roles }) => (
          <>
            {can('members:edit') ? <InvitePanel roles={roles} /> : null}
            <Panel title="Members" headingId="members-heading">
              {members.length === 0 ? (
                <EmptyState title="No members">Invite someone to work on this account with you.</EmptyState>
              ) : (
                <ul className="row-list">
                  {members.map((m) => (
                    <MemberRow key={m.user_id} member={m} roles={roles} onChanged={() => void reload()} />
                  ))}
                </ul>
              )}
            </Panel>
            <RolesPanel roles={roles} onChanged={() => void reload()} />
          </>
        )}
      </ResourceView>
    </>
  );
}
