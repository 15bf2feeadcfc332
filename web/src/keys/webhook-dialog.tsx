/** New webhook: an https URL and the events to send; the signing secret is shown once afterwards. */
import { useEffect, useState, type FormEvent } from 'react';
import { createWebhook } from '../api/consumers-api.ts';
import type { WebhookEvent } from '../api/types.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormSubmit } from '../components/form-dialog.tsx';
import { WEBHOOK_EVENTS } from './webhook-events.ts';

export function WebhookDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (secret: string) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([]);
  const { busy, error, setError, run } = useFormSubmit();

  useEffect(() => {
    if (!open) return;
    setUrl('');
    setEvents(WEBHOOK_EVENTS.map((e) => e.type));
    setError(null);
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let parsed: URL | null = null;
    try {
      parsed = new URL(url.trim());
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) return setError('Enter the full URL, starting with https://');
    if (events.length === 0) return setError('Choose at least one event.');
    await run(async () => {
      const created = await createWebhook({ url: parsed.toString(), events });
      onClose();
      onCreated(created.secret);
    });
  };

  return (
    <FormDialog
      open={open}
      title="New webhook"
      formId="webhook-form"
      submitLabel="Create webhook"
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
    >
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
                onChange={(ev) => setEvents(ev.target.checked ? [...events, e.type] : events.filter((x) => x !== e.type))}
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
