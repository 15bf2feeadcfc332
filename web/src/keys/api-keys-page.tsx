/** /dashboard/api-keys: keys for scripts and tools calling the REST or GraphQL API (Authorization: Bearer bf_…). */
import { useState } from 'react';
import type { ApiKey } from '../api/types.ts';
import { listApiKeys, revokeApiKey } from '../api/accounts-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Button } from '../components/button.tsx';
import { DateTime } from '../components/date-time.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ApiKeyDialog } from './api-key-dialog.tsx';
import { CreatedSecretDialog } from '../components/created-secret-dialog.tsx';

export function ApiKeysPage() {
  const can = useCan();
  const [resource, reload] = useResource(listApiKeys);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const mayEdit = can('api-keys:edit');
  return (
    <>
      <PageHeader
        title="API Keys"
        description={
          <>
            Keys for scripts and tools that call Bifrost's REST or GraphQL API as this account. Send one as <code>Authorization: Bearer bf_…</code>.
          </>
        }
        actions={
          mayEdit ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New API key
            </Button>
          ) : null
        }
      />
      <ResourceView resource={resource} what="API keys" onRetry={() => void reload()}>
        {(keys) =>
          keys.length === 0 ? (
            <EmptyState title="No API keys">Create a key for each script or tool, so you can revoke one without touching the others.</EmptyState>
          ) : (
            <ul className="row-list">
              {keys.map((k) => (
                <li className="row-item" key={k.id} data-key={k.name}>
                  <div className="row-main">
                    <p className="row-title">
                      {k.name} {k.prefix ? <code className="muted">{k.prefix}</code> : null}
                    </p>
                    <p className="row-meta">
                      Created <DateTime value={k.created_at} relativeOnly /> · last used <DateTime value={k.last_used_at} relativeOnly fallback="never" /> ·{' '}
                      {k.expires_at ? (
                        <>
                          expires <DateTime value={k.expires_at} />
                        </>
                      ) : (
                        'no expiry'
                      )}
                    </p>
                    <p className="row-meta perm-chips">
                      {k.permissions.map((p) => (
                        <code className="chip" key={p}>
                          {p}
                        </code>
                      ))}
                    </p>
                  </div>
                  {mayEdit ? (
                    <div className="row-actions">
                      <Button small variant="danger" onClick={() => setRevoking(k)}>
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
      <ApiKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreated(key);
          void reload();
        }}
      />
      <CreatedSecretDialog title="API key created" label="API key" secret={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'key'}`}
        message="Revoke this API key? Anything using it stops working immediately."
        confirmLabel="Revoke"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (revoking) await revokeApiKey(revoking.id);
          void reload();
        }}
      />
    </>
  );
}
