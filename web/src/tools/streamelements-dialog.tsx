/** "Add StreamElements Token": platform, JWT token, optional label. The JWT is never shown again. */
import { useEffect, useState, type FormEvent } from 'react';
import { addStreamElementsToken } from '../api/tools-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormSubmit } from '../components/form-dialog.tsx';
import { SelectField } from '../components/select-field.tsx';
import type { PlatformSlug } from '../api/types.ts';
import { usePlatforms } from '../lib/platforms.tsx';

export function StreamElementsDialog({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const platforms = usePlatforms();
  // The API's first platform is the default choice, as the first option of the list.
  const first = platforms.list[0]?.slug;
  const [platform, setPlatform] = useState<PlatformSlug | undefined>(first);
  const [token, setToken] = useState('');
  const [label, setLabel] = useState('');
  const { busy, error, setError, run } = useFormSubmit();

  useEffect(() => {
    if (open) {
      setPlatform(first);
      setToken('');
      setLabel('');
      setError(null);
    }
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!platform) {
      setError('Choose the platform the tips belong to.');
      return;
    }
    if (!token.trim()) {
      setError('Paste the JWT token from your StreamElements dashboard.');
      return;
    }
    await run(async () => {
      await addStreamElementsToken({ platform, token: token.trim(), label: label.trim() || null });
      setToken('');
      onSaved();
      onClose();
    });
  };

  return (
    <FormDialog
      open={open}
      title="Add StreamElements Token"
      formId="se-form"
      submitLabel="Save"
      busy={busy}
      error={error}
      onClose={onClose}
      onSubmit={submit}
    >
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
