/** /dashboard/service-keys: keys for token consumers (bots, services) and Companion token-server ids. */
import type { Integration, ServiceKey } from '../api/types.ts';
import { deleteServiceKey, listServiceKeys } from '../api/consumers-api.ts';
import { listIntegrations } from '../api/integrations-api.ts';
import { KeyListPage } from '../components/key-list-page.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { usePlatforms } from '../lib/platforms.tsx';
import { ServiceKeyDialog } from './service-key-dialog.tsx';
import { TokenServerPanel } from './token-server-panel.tsx';
import { keyRowText } from './key-row-text.tsx';

async function loadIntegrations(): Promise<Integration[]> {
  const groups = await listIntegrations();
  return groups.flatMap((g) => [...(g.channel ? [g.channel] : []), ...g.bots]);
}

export function ServiceKeysPage() {
  const can = useCan();
  const platforms = usePlatforms();
  const [integrations, reloadIntegrations] = useResource(loadIntegrations);
  const mayEdit = can('api-keys:edit');
  const known = integrations.status === 'ready' ? integrations.data : [];

  return (
    <KeyListPage<ServiceKey>
      title="Service Keys"
      description={
        <>
          Keys for bots and services that read tokens from Bifrost's internal token API (<code>POST /internal/integrations/{'{id}'}/token</code> with <code>Authorization: Bearer bfs_…</code>).
        </>
      }
      what="service keys"
      load={listServiceKeys}
      empty={{ title: 'No service keys', text: 'Give each consumer its own key, limited to what it needs.' }}
      row={(k) => ({
        'data-service-key': k.name,
        ...keyRowText(
          k,
          k.platforms?.length ? `platforms: ${k.platforms.map((p) => platforms.name(p)).join(', ')}` : k.integration_ids?.length ? `${k.integration_ids.length} integration(s)` : 'all integrations',
        ),
      })}
      create={{
        label: 'New service key',
        // A service key reads tokens, so creating one also needs tokens:read (the server checks the same).
        allowed: mayEdit && can('tokens:read'),
        dialog: (props) => <ServiceKeyDialog {...props} integrations={known} />,
        reveal: { title: 'Service key created', label: 'Service key' },
      }}
      remove={{
        label: 'Revoke',
        allowed: mayEdit,
        title: (k) => `Revoke ${k.name}`,
        message: () => 'Revoke this service key? The consumer using it can no longer read tokens.',
        run: (k) => deleteServiceKey(k.id),
      }}
    >
      <ResourceView resource={integrations} what="integrations" onRetry={() => void reloadIntegrations()}>
        {(list) => <TokenServerPanel integrations={list} />}
      </ResourceView>
    </KeyListPage>
  );
}
