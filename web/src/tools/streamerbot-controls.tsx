/** A Streamer.bot tool's actions, each with a Run button and optional JSON arguments. */
import { useState } from 'react';
import type { StreamerbotAction } from '../api/types.ts';
import { listStreamerbotActions, runStreamerbotAction } from '../api/tools-api.ts';
import { Badge } from '../components/badge.tsx';
import { Panel } from '../components/panel.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { RowAction } from '../components/row-action.tsx';
import { FormError } from '../components/form-error.tsx';
import { useResource } from '../lib/use-resource.ts';
import { useAction } from '../lib/use-action.ts';

/** `{}`-shaped JSON or nothing; anything else is the member's mistake, said before calling the API. */
function parseArgs(text: string): Record<string, unknown> | undefined | Error {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return new Error('Arguments must be a JSON object, e.g. {"user": "name"}.');
}

function ActionRow({ toolId, item }: { toolId: string; item: StreamerbotAction }) {
  const action = useAction();
  const [args, setArgs] = useState('');
  const run = () => {
    const parsed = parseArgs(args);
    if (parsed instanceof Error) {
      action.fail(parsed.message);
      return Promise.resolve();
    }
    return runStreamerbotAction(toolId, item.id, parsed);
  };
  return (
    <li className="row" data-action={item.name}>
      <div className="row-main">
        <strong>{item.name}</strong> {item.group ? <Badge>{item.group}</Badge> : null} {item.enabled ? null : <Badge tone="outline">Disabled</Badge>}
      </div>
      <label className="field">
        <span className="field-label">Arguments (JSON, optional)</span>
        <input className="input" value={args} placeholder='{"user": "name"}' onChange={(e) => setArgs(e.target.value)} aria-label={`Arguments for ${item.name}`} />
      </label>
      <RowAction small action={action} run={run} success={`Ran ${item.name}.`}>
        Run
      </RowAction>
      <FormError error={action.error} />
      {action.success ? <p className="inline-result inline-ok" role="status">✓ {action.success}</p> : null}
    </li>
  );
}

export function StreamerbotControls({ toolId }: { toolId: string }) {
  const [actions, reload] = useResource(() => listStreamerbotActions(toolId), [toolId]);
  return (
    <Panel title="Actions" headingId="sb-actions" description="Streamer.bot's actions: run one, with arguments if it reads any.">
      <ResourceView resource={actions} what="actions" onRetry={() => void reload()}>
        {(list) => (
          <ul className="row-list">
            {list.map((item) => (
              <ActionRow key={item.id} toolId={toolId} item={item} />
            ))}
          </ul>
        )}
      </ResourceView>
    </Panel>
  );
}
