/** New service key for a token consumer (bot, overlay): optionally limited to platforms or integrations. */
import { useState } from 'react';
import type { Integration, PlatformSlug } from '../api/types.ts';
import { createServiceKey } from '../api/consumers-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import type { CreateDialogProps } from '../components/key-list-page.tsx';
import { handle } from '../lib/handle.ts';
import { usePlatforms } from '../lib/platforms.tsx';
import { toggled } from '../lib/toggled.ts';
import { integrationLabel } from './integration-label.ts';

export function ServiceKeyDialog({ open, integrations, onClose, onCreated }: CreateDialogProps & { integrations: Integration[] }) {
  const directory = usePlatforms();
  const [name, setName] = useState('');
  const [platforms, setPlatforms] = useState<PlatformSlug[]>([]);
  const [ids, setIds] = useState<string[]>([]);
  const dialog = useFormDialog({
    open,
    onClose,
    reset: () => {
      setName('');
      setPlatforms([]);
      setIds([]);
    },
    check: () => (name.trim() ? null : 'Name the key after the consumer that uses it.'),
    submit: async () => {
      const created = await createServiceKey({
        name: name.trim(),
        ...(platforms.length ? { platforms } : {}),
        ...(ids.length ? { integration_ids: ids } : {}),
      });
      onCreated(created.key);
    },
  });

  return (
    <FormDialog dialog={dialog} wide title="New service key" submitLabel="Create key">
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} placeholder="chat-bot" />
      <fieldset className="fieldset">
        <legend className="field-label">Platforms (optional)</legend>
        <ul className="check-list check-list-inline">
          {directory.list.map((p) => (
            <li key={p.slug} className="field-check">
              <input id={`sk-platform-${p.slug}`} type="checkbox" checked={platforms.includes(p.slug)} onChange={(e) => setPlatforms(toggled(platforms, p.slug, e.target.checked))} />
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
                <input id={`sk-int-${i.id}`} type="checkbox" checked={ids.includes(i.id)} onChange={(e) => setIds(toggled(ids, i.id, e.target.checked))} />
                <label htmlFor={`sk-int-${i.id}`}>
                  {integrationLabel(directory, i)} ({handle(i.platform_username)})
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
