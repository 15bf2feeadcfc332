/** /dashboard/service-keys: keys for token consumers (bots, services) and Companion token-server ids. */
import { useState } from 'react';
import type { Integration, ServiceKey } from '../api/types.ts';
import { deleteServiceKey, listServiceKeys } from '../api/consumers-api.ts';
import { listIntegrations } from '../api/integrations-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Button } from '../components/button.tsx';
import { DateTime } from '../components/date-time.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ServiceKeyDialog } from './service-key-dialog.tsx';
import { CreatedSecretDialog } from '../components/created-secret-dialog.tsx';
import { TokenServerPanel } from './token-server-panel.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

async function loadIntegrations(): Promise<Integration[]> {
  const groups = await listIntegrations();
  return groups.flatMap((g) => [...(g.channel ? [g.channel] : []), ...g.bots]);
}

export function ServiceKeysPage() {
  const can = useCan();
  const platforms = usePlatforms();
  const [keys, reloadKeys] = useResource(listServiceKeys);
  const [integrations, reloadIntegrations] = useResource(loadIntegrations);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ServiceKey | null>(null);
  const mayEdit = can('api-keys:edit');
  // A service key reads tokens, so creating one also needs tokens:read (the server checks the same).
  const mayCreate = mayEdit && can('tokens:read');
  const known = integrations.status === 'ready' ? integrations.data : [];

  return (
    <>
      <PageHeader
        title="Service Keys"
        description={
          <>
            Keys for bots and services that read tokens from Bifrost's internal token API (<code>POST /internal/integrations/{'{id}'}/token</code> with <code>Authorization: Bearer bfs_…</code>).
          </>
        }
        actions={
          mayCreate ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New service key
            </Button>
          ) : null
        }
      />
      <ResourceView resource={keys} what="service keys" onRetry={() => void reloadKeys()}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No service keys">Give each consumer its own key, limited to what it needs.</EmptyState>
          ) : (
            <ul className="row-list">
              {list.map((k) => (
                <li className="row-item" key={k.id} data-service-key={k.name}>
                  <div className="row-main">
                    <p className="row-title">
                      {k.name} {k.prefix ? <code className="muted">{k.prefix}</code> : null}
                    </p>
                    <p className="row-meta">
                      Created <DateTime value={k.created_at} relativeOnly /> · last used <DateTime value={k.last_used_at} relativeOnly fallback="never" /> ·{' '}
                      {k.platforms?.length ? `platforms: ${k.platforms.map((p) => platforms.name(p)).join(', ')}` : k.integration_ids?.length ? `${k.integration_ids.length} integration(s)` : 'all integrations'}
                    </p>
                  </div>
                  {mayEdit ? (
                    <div className="row-actions">
                      <Button small variant="danger" onClick={() => setDeleting(k)}>
                        Revoke
                      </Button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      <ResourceView resource={integrations} what="integrations" onRetry={() => void reloadIntegrations()}>
        {(list) => <TokenServerPanel integrations={list} />}
      </ResourceView>
      <ServiceKeyDialog
        open={creating}
        integrations={known}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreated(key);
          void reloadKeys();
        }}
      />
      <CreatedSecretDialog title="Service key created" label="Service key" secret={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Revoke ${deleting?.name ?? 'key'}`}
        message="Revoke this service key? The consumer using it can no longer read tokens."
        confirmLabel="Revoke"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await deleteServiceKey(deleting.id);
          void reloadKeys();
        }}
      />
    </>
  );
}
