/** The Integrations section: self-hosted tools Bifrost talks to over your network. */
import { useEffect, useState } from 'react';
import { listTools } from '../api/tools-api.ts';
import { Button } from '../components/button.tsx';
import { Panel } from '../components/panel.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ToolRow } from './tool-row.tsx';
import { ToolDialog } from './tool-dialog.tsx';

export function ToolsPanel() {
  const can = useCan();
  const [resource, reload] = useResource(listTools);
  const [adding, setAdding] = useState(false);
  // Live states change on their own (a tool restarts, a password is refused): look again every few seconds.
  useEffect(() => {
    const timer = window.setInterval(() => void reload(), 5_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  return (
    <Panel
      title="Integrations"
      headingId="tools-heading"
      id="integrations"
      description="Self-hosted tools Bifrost talks to over your network: Streamer.bot and OBS Studio."
      action={
        can('connections:create') ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add Integration
          </Button>
        ) : null
      }
    >
      <ResourceView resource={resource} what="integrations" onRetry={() => void reload()}>
        {(tools) =>
          tools.length === 0 ? (
            <EmptyState title="No integrations yet">Add Streamer.bot or OBS Studio so automations can trigger actions and switch scenes.</EmptyState>
          ) : (
            <ul className="row-list">
              {tools.map((t) => (
                <ToolRow key={t.id} tool={t} onChanged={() => void reload()} />
              ))}
            </ul>
          )
        }
      </ResourceView>
      <ToolDialog open={adding} onClose={() => setAdding(false)} onSaved={() => void reload()} />
    </Panel>
  );
}
