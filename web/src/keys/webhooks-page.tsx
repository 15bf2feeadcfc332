/** /dashboard/webhooks: where Bifrost POSTs signed token events (HMAC-SHA256), instead of consumers polling. */
import type { Webhook } from '../api/types.ts';
import { deleteWebhook, listWebhooks } from '../api/consumers-api.ts';
import { KeyListPage } from '../components/key-list-page.tsx';
import { DateTime } from '../components/date-time.tsx';
import { useCan } from '../lib/session.tsx';
import { WebhookDialog } from './webhook-dialog.tsx';

export function WebhooksPage() {
  const mayEdit = useCan()('api-keys:edit');
  return (
    <KeyListPage<Webhook>
      title="Webhooks"
      description="Bifrost POSTs token events (refreshed, needs re-authorization, recovered) to these URLs, signed with HMAC-SHA256 and retried with backoff."
      what="webhooks"
      load={listWebhooks}
      empty={{ title: 'No webhooks', text: 'Add one so your bot learns about token changes the moment they happen.' }}
      row={(h) => ({
        title: <code>{h.url}</code>,
        meta: (
          <>
            {h.events.join(', ')} · created <DateTime value={h.created_at} relativeOnly />
            {h.last_delivery_at ? (
              <>
                {' '}
                · last delivery <DateTime value={h.last_delivery_at} relativeOnly />
              </>
            ) : null}
          </>
        ),
      })}
      create={{ label: 'New webhook', allowed: mayEdit, dialog: (props) => <WebhookDialog {...props} />, reveal: { title: 'Webhook created', label: 'Signing secret' } }}
      remove={{
        label: 'Delete',
        allowed: mayEdit,
        title: () => 'Delete webhook',
        message: (h) => `Delete the webhook to ${h.url}? Bifrost stops sending events to it.`,
        run: (h) => deleteWebhook(h.id),
      }}
    />
  );
}
