/**
 * "Choose permissions…": the platform's channel scopes from its catalogue, each with its description.
 * Required ones stay on; the others may be left out. Connect then asks the platform for exactly these.
 */
import { useState } from 'react';
import { getPlatformScopes, goToAuthorization, startConnect } from '../api/integrations-api.ts';
import type { PlatformScopes } from '../api/types.ts';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import { Button } from '../components/button.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ResourceView } from '../components/resource-view.tsx';

/** A long scope (YouTube's are URLs) shortened to its last part; the full value is on hover. */
export function shortScope(scope: string): string {
  if (!/^https?:\/\//.test(scope)) return scope;
  const tail = scope.replace(/\/+$/, '').split('/').pop() ?? scope;
  return `…/${tail}`;
}

export function ScopePickerButton({ slug, name, reconnect = false }: { slug: string; name: string; reconnect?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Choose permissions…</Button>
      {open ? <ScopePickerDialog slug={slug} name={name} reconnect={reconnect} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ScopePickerDialog({ slug, name, reconnect, onClose }: { slug: string; name: string; reconnect: boolean; onClose: () => void }) {
  const [resource, reload] = useResource<PlatformScopes>(() => getPlatformScopes(slug), [slug]);
  const [off, setOff] = useState<Set<string>>(new Set());
  const scopes = resource.status === 'ready' ? resource.data.channel_scopes : [];
  const dialog = useFormDialog({
    open: true,
    onClose,
    reset: () => undefined,
    check: () => (resource.status === 'ready' ? null : 'The permissions are still loading.'),
    submit: () =>
      goToAuthorization(slug, startConnect(slug, { integration_type: 'channel', scopes: scopes.filter((s) => s.required || !off.has(s.scope)).map((s) => s.scope), ...(reconnect ? { reconnect: true } : {}) })),
  });
  const toggle = (scope: string, on: boolean) =>
    setOff((prev) => {
      const next = new Set(prev);
      if (on) next.delete(scope);
      else next.add(scope);
      return next;
    });
  return (
    <FormDialog dialog={dialog} title={`Permissions to ask ${name} for`} submitLabel={reconnect ? 'Reconnect' : 'Connect'} wide>
      <p className="muted">Required permissions are always asked for. Leave out the others you do not need; features that use them will not work.</p>
      <ResourceView resource={resource} what="permissions" onRetry={() => void reload()}>
        {(data) => (
          <ul className="scope-picker">
            {data.channel_scopes.map((s) => (
              <li key={s.scope}>
                <label className="scope-option">
                  <input type="checkbox" checked={s.required || !off.has(s.scope)} disabled={s.required} onChange={(e) => toggle(s.scope, e.target.checked)} />
                  <span>
                    <code className="chip" title={s.scope}>
                      {shortScope(s.scope)}
                    </code>
                    {s.required ? <span className="muted"> (required)</span> : null}
                    <span className="scope-description">{s.description}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </ResourceView>
    </FormDialog>
  );
}
