/**
 * One saved tool: its live state and version, enable/disable, Test with its result (the last one is
 * kept by the server and shown after a reload), Open (the tool's page, with tools:control), Edit and
 * Remove (each only with permission).
 */
import { useState } from 'react';
import type { Tool, ToolTestResult } from '../api/types.ts';
import { deleteTool, testTool, updateTool } from '../api/tools-api.ts';
import { Button } from '../components/button.tsx';
import { Switch } from '../components/switch.tsx';
import { Badge } from '../components/badge.tsx';
import { Row } from '../components/row.tsx';
import { RowAction } from '../components/row-action.tsx';
import { useCan } from '../lib/session.tsx';
import { Can } from '../lib/can.tsx';
import { useAction } from '../lib/use-action.ts';
import { KIND_NAMES } from './tool-form.ts';
import { ToolDialog } from './tool-dialog.tsx';
import { ToolStateBadge, ToolStateReason } from './tool-state.tsx';
import { LinkButton } from '../components/link-button.tsx';

/** The label already says what program it is ("OBS Studio", "OBS Studio (stream PC)"): the row does not say it twice. */
export function namesKind(tool: Pick<Tool, 'kind' | 'label'>): boolean {
  return tool.label.toLowerCase().includes(KIND_NAMES[tool.kind].toLowerCase());
}

export function ToolRow({ tool, onChanged }: { tool: Tool; onChanged: () => void }) {
  const can = useCan();
  const action = useAction();
  // A test has its own state: it may take seconds, and its outcome is a result line, not the row's error.
  const testing = useAction();
  // The server's answer: only these two fields are shown.
  const [result, setResult] = useState<Pick<ToolTestResult, 'ok' | 'message'> | null>(null);
  const [editing, setEditing] = useState(false);

  const test = () => {
    setResult(null);
    return testTool(tool.id).then(setResult);
  };
  // A failure to get an answer reads like a failed test.
  const saved = tool.last_test_message !== null && tool.last_test_ok !== null ? { ok: tool.last_test_ok, message: tool.last_test_message } : null;
  const shown = result ?? (testing.error ? { ok: false, message: testing.error } : saved);
  const address = tool.kind === 'obs' && !tool.remote_access ? `local, port ${tool.port}` : `${tool.host}:${tool.port}${tool.kind === 'streamerbot' ? tool.endpoint : ''}`;
  return (
    <Row
      data-tool={tool.kind}
      title={
        <>
          {tool.label} {namesKind(tool) ? null : <Badge>{KIND_NAMES[tool.kind]}</Badge>} <ToolStateBadge tool={tool} />
        </>
      }
      meta={
        <>
          {address}
          {tool.has_password ? ' · password set' : ''}
          {tool.kind === 'obs' && tool.remote_access ? ' · remote access' : ''}
        </>
      }
      action={action}
      actions={
        <>
          {can('connections:edit') ? (
            <Switch
              checked={tool.enabled}
              label={tool.enabled ? 'Enabled' : 'Disabled'}
              busy={action.busy}
              onChange={(enabled) => void action.run(() => updateTool(tool.id, { enabled }).then(onChanged))}
            />
          ) : null}
          {can('tools:control') && tool.enabled ? <LinkButton small to={`/dashboard/integrations/tool?id=${encodeURIComponent(tool.id)}`}>
              Open
            </LinkButton> : null}
          <Can permission="connections:edit">
            <RowAction small action={testing} run={test}>
              {tool.kind === 'obs' ? 'Test Connection' : 'Test'}
            </RowAction>
          </Can>
          {can('connections:edit') ? (
            <>
              <Button small onClick={() => setEditing(true)}>
                Edit
              </Button>
              <ToolDialog open={editing} tool={tool} onClose={() => setEditing(false)} onSaved={onChanged} />
            </>
          ) : null}
          {can('connections:delete') ? (
            <RowAction
              small
              variant="danger"
              action={action}
              confirm={{
                title: `Remove ${tool.label}`,
                message: `Remove the ${KIND_NAMES[tool.kind]} integration "${tool.label}"? Automations that use it will fail gracefully.`,
                confirmLabel: 'Remove',
              }}
              run={() => deleteTool(tool.id).then(onChanged)}
            >
              Remove
            </RowAction>
          ) : null}
        </>
      }
    >
      <ToolStateReason tool={tool} />
      {shown ? (
        <p className={shown.ok ? 'inline-result inline-ok' : 'inline-result inline-error'} role="status">
          {shown.ok ? '✓ ' : '✗ '}
          {shown.message}
        </p>
      ) : null}
    </Row>
  );
}
