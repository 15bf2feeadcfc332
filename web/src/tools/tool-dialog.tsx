/** Add Integration / Edit integration: Streamer.bot or OBS Studio with their specified fields and defaults. */
import { useState } from 'react';
import type { Tool, ToolKind } from '../api/types.ts';
import { createTool, updateTool } from '../api/tools-api.ts';
import { Field } from '../components/field.tsx';
import { FormDialog, useFormDialog } from '../components/form-dialog.tsx';
import { SelectField } from '../components/select-field.tsx';
import { Banner } from '../components/banner.tsx';
import { defaultForm, formFromTool, formProblems, KIND_NAMES, toInput, type ToolForm } from './tool-form.ts';

export interface ToolDialogProps {
  open: boolean;
  /** Editing this tool; adding a new one when absent. */
  tool?: Tool;
  onClose: () => void;
  onSaved: () => void;
}

export function ToolDialog({ open, tool, onClose, onSaved }: ToolDialogProps) {
  const [form, setForm] = useState<ToolForm>(() => (tool ? formFromTool(tool) : defaultForm('streamerbot')));
  const [touched, setTouched] = useState(false);
  const dialog = useFormDialog({
    open,
    onClose,
    reset: () => {
      setForm(tool ? formFromTool(tool) : defaultForm('streamerbot'));
      setTouched(false);
    },
    // The problems show at their fields.
    check: () => {
      setTouched(true);
      return Object.keys(formProblems(form)).length > 0 ? '' : null;
    },
    submit: async () => {
      if (tool) await updateTool(tool.id, toInput(form, true));
      else await createTool({ kind: form.kind, ...toInput(form, false) });
      onSaved();
    },
  });

  const problems = touched ? formProblems(form) : {};
  const set = <K extends keyof ToolForm>(key: K, value: ToolForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const password = (hint: string) => (
    <Field
      label="Password"
      type="password"
      autoComplete="new-password"
      value={form.password}
      onChange={(e) => set('password', e.target.value)}
      hint={tool?.has_password ? 'Leave empty to keep the saved password.' : hint}
    />
  );

  return (
    <FormDialog dialog={dialog} title={tool ? `Edit ${tool.label}` : 'Add Integration'} submitLabel="Save">
      {tool ? null : (
        <SelectField label="Tool" value={form.kind} onChange={(e) => setForm(defaultForm(e.target.value as ToolKind))}>
          <option value="streamerbot">{KIND_NAMES.streamerbot}</option>
          <option value="obs">{KIND_NAMES.obs}</option>
        </SelectField>
      )}
      <Field label="Label" value={form.label} onChange={(e) => set('label', e.target.value)} hint="Free text; helps you identify the integration." error={problems.label} />
      {form.kind === 'streamerbot' ? (
        <>
          <Field label="Host" value={form.host} onChange={(e) => set('host', e.target.value)} hint="Hostname or IP" error={problems.host} />
          <Field label="Port" inputMode="numeric" value={form.port} onChange={(e) => set('port', e.target.value)} hint="Streamer.bot WebSocket port" error={problems.port} />
          <Field label="Endpoint" value={form.endpoint} onChange={(e) => set('endpoint', e.target.value)} hint="Usually /" error={problems.endpoint} />
          {password('Optional: only if you enabled authentication in Streamer.bot.')}
          <Field
            label="Events"
            value={form.events}
            onChange={(e) => set('events', e.target.value)}
            hint="Streamer.bot events to receive, Source.Type separated by commas (e.g. General.Custom, Twitch.Follow)."
            error={problems.events}
          />
        </>
      ) : (
        <>
          <Field label="Port" inputMode="numeric" value={form.port} onChange={(e) => set('port', e.target.value)} hint="OBS WebSocket server port" error={problems.port} />
          {password('Optional: set in OBS under Tools → obs-websocket Settings.')}
          <div className="field field-check">
            <input id="obs-remote" type="checkbox" checked={form.remoteAccess} onChange={(e) => set('remoteAccess', e.target.checked)} />
            <label htmlFor="obs-remote">Enable remote access</label>
          </div>
          {form.remoteAccess ? (
            <>
              <Banner tone="warning" title="Remote OBS access">
                <p>Remote access needs a public IP and port forwarding in your router or firewall. Only for advanced setups: for OBS on the same machine, leave it off.</p>
              </Banner>
              <Field label="Host / IP" value={form.host} onChange={(e) => set('host', e.target.value)} hint="The public host of the OBS machine" error={problems.host} />
            </>
          ) : null}
        </>
      )}
    </FormDialog>
  );
}
