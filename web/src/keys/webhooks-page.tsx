/** /dashboard/webhooks: where Bifrost POSTs signed token events (HMAC-SHA256), instead of consumers polling. */
import { useState } from 'react';
import type { Webhook } from '../api/types.ts';
import { deleteWebhook, listWebhooks } from '../api/consumers-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Button } from '../components/button.tsx';
import { DateTime } from '../components/date-time.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { WebhookDialog } from './webhook-dialog.tsx';
import { CreatedSecretDialog } from '../components/created-secret-dialog.tsx';

export function WebhooksPage() {
  const can = useCan();
  const [resource, reload] = useResource(listWebhooks);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const mayEdit = can('api-keys:edit');
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Bifrost POSTs token events (refreshed, needs re-authorization, recovered) to these URLs, signed with HMAC-SHA256 and retried with backoff."
        actions={
          mayEdit ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New webhook
            </Button>
          ) : null
        }
      />
      <ResourceView resource={resource} what="webhooks" onRetry={() => void reload()}>
        {(hooks) =>
          hooks.length === 0 ? (
            <EmptyState title="No webhooks">Add one so your bot learns about token changes the moment they happen.</EmptyState>
          ) : (
            <ul className="row-list">
              {hooks.map((h) => (
                <li className="row-item" key={h.id}>
                  <div className="row-main">
                    <p className="row-title">
                      <code>{h.url}</code>
                    </p>
                    <p className="row-meta">
                      {h.events.join(', ')} · created <DateTime value={h.created_at} relativeOnly />
                      {h.last_delivery_at ? (
                        <>
                          {' '}
                          · last delivery <DateTime value={h.last_delivery_at} relativeOnly />
                        </>
                      ) : null}
                    </p>
                  </div>
                  {mayEdit ? (
                    <div className="row-actions">
                      <Button small variant="danger" onClick={() => setDeleting(h)}>
                        Delete
                      </Button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      <WebhookDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(s) => {
          setSecret(s);
          void reload();
        }}
      />
      <CreatedSecretDialog title="Webhook created" label="Signing secret" secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title="Delete webhook"
        message={`Delete the webhook to ${deleting?.url ?? ''}? Bifrost stops sending events to it.`}
        confirmLabel="Delete"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await deleteWebhook(deleting.id);
          void reload();
        }}
      />
    </>
  );
}
