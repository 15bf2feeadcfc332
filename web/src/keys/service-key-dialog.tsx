/** New service key for a token consumer (bot, overlay): optionally limited to platforms or integrations. */
import { useEffect, useState, type FormEvent } from 'react';
import type { Integration, PlatformSlug } from '../api/types.ts';
import { createServiceKey } from '../api/consumers-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormSubmit } from '../components/form-dialog.tsx';
import { handle } from '../lib/handle.ts';
import { usePlatforms } from '../lib/platforms.tsx';

export interface ServiceKeyDialogProps {
  open: boolean;
  integrations: Integration[];
  onClose: () => void;
  onCreated: (key: string) => void;
}

export function ServiceKeyDialog({ open, integrations, onClose, onCreated }: ServiceKeyDialogProps) {
  const directory = usePlatforms();
  const [name, setName] = useState('');
  const [platforms, setPlatforms] = useState<PlatformSlug[]>([]);
  const [ids, setIds] = useState<string[]>([]);
  const { busy, error, setError, run } = useFormSubmit();

  useEffect(() => {
    if (!open) return;
    setName('');
    setPlatforms([]);
    setIds([]);
    setError(null);
  }, [open]);

  const toggle = <T,>(list: T[], set: (v: T[]) => void, value: T, on: boolean) => set(on ? [...list, value] : list.filter((x) => x !== value));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Name the key after the consumer that uses it.');
    await run(async () => {
      const created = await createServiceKey({
        name: name.trim(),
        ...(platforms.length ? { platforms } : {}),
        ...(ids.length ? { integration_ids: ids } : {}),
      });
      onClose();
      onCreated(created.key);
    });
  };

  return (
    <FormDialog
      open={open}
      wide
      title="New service key"
      formId="service-key-form"
      submitLabel="Create key"
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
    >
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="chat-bot" />
      <fieldset className="fieldset">
        <legend className="field-label">Platforms (optional)</legend>
        <ul className="check-list check-list-inline">
          {directory.list.map((p) => (
            <li key={p.slug} className="field-check">
              <input id={`sk-platform-${p.slug}`} type="checkbox" checked={platforms.includes(p.slug)} onChange={(e) => toggle(platforms, setPlatforms, p.slug, e.target.checked)} />
              <label htmlFor={`sk-platform-${p.slug}`}>{p.name}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      {integrations.length > 0 ? (
        <fieldset className="fieldset">
          <legend className="field-label">Integrations (optional)</legend>
          <ul className="check-list">
            {integrations.map((i) => (
              <li key={i.id} className="field-check">
                <input id={`sk-int-${i.id}`} type="checkbox" checked={ids.includes(i.id)} onChange={(e) => toggle(ids, setIds, i.id, e.target.checked)} />
                <label htmlFor={`sk-int-${i.id}`}>
                  {directory.name(i.platform)} {i.integration_type === 'bot' ? `bot ${i.bot_identifier}` : 'channel'} ({handle(i.platform_username)})
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <p className="field-hint">Without a choice the key reads every integration of this account.</p>
    </FormDialog>
  );
}
