/** "Add StreamElements Token": platform, JWT token, optional label. The JWT is never shown again. */
import { useState } from 'react';
import { addStreamElementsToken } from '../api/tools-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import type { CreateDialogProps } from '../components/key-list-page.tsx';
import { SelectField } from '../components/select-field.tsx';
import type { PlatformSlug } from '../api/types.ts';
import { usePlatforms } from '../lib/platforms.tsx';

export function StreamElementsDialog({ open, onClose, onCreated }: CreateDialogProps) {
  const platforms = usePlatforms();
  // The API's first platform is the default choice, as the first option of the list.
  const first = platforms.list[0]?.slug;
  const [platform, setPlatform] = useState<PlatformSlug | undefined>(first);
  const [token, setToken] = useState('');
  const [label, setLabel] = useState('');
  const dialog = useFormDialog({
    open,
    onClose,
    reset: () => {
      setPlatform(first);
      setToken('');
      setLabel('');
    },
    check: () => (!platform ? 'Choose the platform the tips belong to.' : !token.trim() ? 'Paste the JWT token from your StreamElements dashboard.' : null),
    submit: async () => {
      if (!platform) return;
      await addStreamElementsToken({ platform, token: token.trim(), label: label.trim() || null });
      setToken('');
      onCreated();
    },
  });

  return (
    <FormDialog dialog={dialog} title="Add StreamElements Token" submitLabel="Save">
      <SelectField label="Platform" value={platform ?? ''} onChange={(e) => setPlatform(platforms.get(e.target.value)?.slug)} hint="Which channel the tips belong to.">
        {platforms.list.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <Field
        label="JWT Token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        hint="From your StreamElements dashboard. It is stored encrypted and never shown again."
      />
      <Field label="Label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Main Channel" hint="Optional: helps you tell tokens apart." />
    </FormDialog>
  );
}
