/**
 * "Choose permissions…": the platform's scopes from its catalogue for what is being connected (a
 * channel, or a bot), each with its description. Required ones stay on; the others may be left out.
 * Connect then asks the platform for exactly these.
 */
import { useState } from 'react';
import { getPlatformScopes, goToAuthorization, startConnect } from '../api/integrations-api.ts';
import type { ConnectRequest, PlatformScopes } from '../api/types.ts';
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

/** What is being connected: the connect request without its scopes (the picker adds them). */
export type ScopeTarget = Omit<ConnectRequest, 'scopes'>;

export interface ScopePickerProps {
  slug: string;
  name: string;
  target: ScopeTarget;
  /** Checked on click: false keeps the dialog shut (a bot's identifier must be valid first). */
  canOpen?: () => boolean;
}

export function ScopePickerButton({ slug, name, target, canOpen = () => true }: ScopePickerProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(canOpen())}>Choose permissions…</Button>
      {open ? <ScopePickerDialog slug={slug} name={name} target={target} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ScopePickerDialog({ slug, name, target, onClose }: { slug: string; name: string; target: ScopeTarget; onClose: () => void }) {
  const [resource, reload] = useResource<PlatformScopes>(() => getPlatformScopes(slug), [slug]);
  const [off, setOff] = useState<Set<string>>(new Set());
  const bot = target.integration_type === 'bot';
  const listOf = (data: PlatformScopes) => (bot ? data.bot_scopes : data.channel_scopes);
  const scopes = resource.status === 'ready' ? listOf(resource.data) : [];
  const dialog = useFormDialog({
    open: true,
    onClose,
    reset: () => undefined,
    check: () => (resource.status === 'ready' ? null : 'The permissions are still loading.'),
    submit: () => goToAuthorization(slug, startConnect(slug, { ...target, scopes: scopes.filter((s) => s.required || !off.has(s.scope)).map((s) => s.scope) })),
  });
  const toggle = (scope: string, on: boolean) =>
    setOff((prev) => {
      const next = new Set(prev);
      if (on) next.delete(scope);
      else next.add(scope);
      return next;
    });
  return (
    <FormDialog
      dialog={dialog}
      title={bot ? `Permissions to ask ${name} for the bot ${target.bot_identifier ?? ''}` : `Permissions to ask ${name} for`}
      submitLabel={target.reconnect ? 'Reconnect' : bot ? 'Connect Bot' : 'Connect'}
      wide
    >
      <p className="muted">Required permissions are always asked for. Leave out the others you do not need; features that use them will not work.</p>
      <ResourceView resource={resource} what="permissions" onRetry={() => void reload()}>
        {(data) => (
          <ul className="scope-picker">
            {listOf(data).map((s) => (
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
