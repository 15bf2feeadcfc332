/** One saved tool: enable/disable, Test with its inline result, Edit and Remove (each only with permission). */
import { useState } from 'react';
import type { Tool, ToolTestResult } from '../api/types.ts';
import { deleteTool, testTool, updateTool } from '../api/tools-api.ts';
import { errorMessage } from '../api/client.ts';
import { Button } from '../components/button.tsx';
import { Switch } from '../components/switch.tsx';
import { Badge } from '../components/badge.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useCan } from '../lib/session.tsx';
import { KIND_NAMES } from './tool-form.ts';
import { ToolDialog } from './tool-dialog.tsx';

export function ToolRow({ tool, onChanged }: { tool: Tool; onChanged: () => void }) {
  const can = useCan();
  const [testing, setTesting] = useState(false);
  // The server's answer, or a failure to get one (no outcome then): only these two fields are shown.
  const [result, setResult] = useState<Pick<ToolTestResult, 'ok' | 'message'> | null>(null);
  const [toggling, setToggling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);

  const test = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(await testTool(tool.id));
    } catch (err) {
      setResult({ ok: false, message: errorMessage(err) });
    } finally {
      setTesting(false);
    }
  };

  const toggle = async (enabled: boolean) => {
    setToggling(true);
    setError(null);
    try {
      await updateTool(tool.id, { enabled });
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setToggling(false);
    }
  };

  const address = tool.kind === 'obs' && !tool.remote_access ? `local, port ${tool.port}` : `${tool.host}:${tool.port}${tool.kind === 'streamerbot' ? tool.endpoint : ''}`;
  return (
    <li className="row-item" data-tool={tool.kind}>
      <div className="row-main">
        <p className="row-title">
          {tool.label} <Badge>{KIND_NAMES[tool.kind]}</Badge> {tool.enabled ? null : <Badge tone="outline">Disabled</Badge>}
        </p>
        <p className="row-meta">
          {address}
          {tool.has_password ? ' · password set' : ''}
          {tool.kind === 'obs' && tool.remote_access ? ' · remote access' : ''}
        </p>
        {result ? (
          <p className={result.ok ? 'inline-result inline-ok' : 'inline-result inline-error'} role="status">
            {result.ok ? '✓ ' : '✗ '}
            {result.message}
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="row-actions">
        {can('connections:edit') ? <Switch checked={tool.enabled} label={tool.enabled ? 'Enabled' : 'Disabled'} busy={toggling} onChange={(v) => void toggle(v)} /> : null}
        <Button small busy={testing} onClick={() => void test()}>
          {tool.kind === 'obs' ? 'Test Connection' : 'Test'}
        </Button>
        {can('connections:edit') ? (
          <Button small onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : null}
        {can('connections:delete') ? (
          <Button small variant="danger" onClick={() => setRemoving(true)}>
            Remove
          </Button>
        ) : null}
      </div>
      <ToolDialog open={editing} tool={tool} onClose={() => setEditing(false)} onSaved={onChanged} />
      <ConfirmDialog
        open={removing}
        title={`Remove ${tool.label}`}
        message={`Remove the ${KIND_NAMES[tool.kind]} integration "${tool.label}"? Automations that use it will fail gracefully.`}
        confirmLabel="Remove"
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          await deleteTool(tool.id);
          onChanged();
        }}
      />
    </li>
  );
}
