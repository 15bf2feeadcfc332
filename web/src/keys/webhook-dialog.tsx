/** New webhook: an https URL and the events to send; the signing secret is shown once afterwards. */
import { useState } from 'react';
import { createWebhook } from '../api/consumers-api.ts';
import type { WebhookEvent } from '../api/types.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import type { CreateDialogProps } from '../components/key-list-page.tsx';
import { toggled } from '../lib/toggled.ts';
import { WEBHOOK_EVENTS } from './webhook-events.ts';

/** The URL as typed, if it is a full http(s) URL. */
function webUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

export function WebhookDialog({ open, onClose, onCreated }: CreateDialogProps) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([]);
  const dialog = useFormDialog({
    open,
    onClose,
    reset: () => {
      setUrl('');
      setEvents(WEBHOOK_EVENTS.map((e) => e.type));
    },
    check: () => (!webUrl(url) ? 'Enter the full URL, starting with https://' : events.length === 0 ? 'Choose at least one event.' : null),
    submit: async () => {
      const created = await createWebhook({ url: String(webUrl(url)), events });
      onCreated(created.secret);
    },
  });

  return (
    <FormDialog dialog={dialog} title="New webhook" submitLabel="Create webhook">
      <Field label="URL" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://bot.example.com/bifrost-events" />
      <fieldset className="fieldset">
        <legend className="field-label">Events</legend>
        <ul className="check-list">
          {WEBHOOK_EVENTS.map((e) => (
            <li key={e.type} className="field-check">
              <input
                id={`wh-${e.type}`}
                type="checkbox"
                checked={events.includes(e.type)}
                onChange={(ev) => setEvents(toggled(events, e.type, ev.target.checked))}
              />
              <label htmlFor={`wh-${e.type}`}>
                <code>{e.type}</code> <span className="muted">{e.label}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </FormDialog>
  );
}
