/** /dashboard/integrations/tool?id=…: one connected tool's controls (OBS scenes and outputs, or Streamer.bot actions) under its live state. */
import { getTool } from '../api/tools-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { useLocation } from '../lib/router.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ToolStateBadge, ToolStateReason } from './tool-state.tsx';
import { ObsControls } from './obs-controls.tsx';
import { StreamerbotControls } from './streamerbot-controls.tsx';

export function ToolPage() {
  const id = useLocation().search.get('id') ?? '';
  const [tool, reload] = useResource(() => getTool(id), [id]);
  return (
    <ResourceView resource={tool} what="tool" onRetry={() => void reload()}>
      {(t) => (
        <>
          <PageHeader
            title={t.label}
            description={<ToolStateBadge tool={t} />}
            actions={<LinkButton to="/dashboard/integrations">All integrations</LinkButton>}
          />
          <ToolStateReason tool={t} />
          {t.connection_state !== 'connected' ? null : t.kind === 'obs' ? <ObsControls toolId={t.id} /> : <StreamerbotControls toolId={t.id} />}
        </>
      )}
    </ResourceView>
  );
}
