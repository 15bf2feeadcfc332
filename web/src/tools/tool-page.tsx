/** /dashboard/integrations/tool?id=…: one connected tool's controls (OBS scenes and outputs, or Streamer.bot actions) under its live state. */
import { getTool } from '../api/tools-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { useLocation } from '../lib/router.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ToolStateBadge, ToolStateReason } from './tool-state.tsx';
import { Badge } from '../components/badge.tsx';
import { KIND_NAMES } from './tool-form.ts';
import { namesKind } from './tool-row.tsx';
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
            description={
              <>
                {/* The state badge gives only the version: the program is named once, by the title or this badge. */}
                {namesKind(t) ? null : <Badge>{KIND_NAMES[t.kind]}</Badge>} <ToolStateBadge tool={t} />
              </>
            }
            actions={<LinkButton to="/dashboard/integrations">All integrations</LinkButton>}
          />
          <ToolStateReason tool={t} />
          {t.connection_state !== 'connected' ? null : t.kind === 'obs' ? <ObsControls toolId={t.id} /> : <StreamerbotControls toolId={t.id} />}
        </>
      )}
    </ResourceView>
  );
}
