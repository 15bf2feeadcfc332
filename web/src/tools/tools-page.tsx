/** /dashboard/integrations: the Integrations and StreamElements panels of the Connections page, on their own. */
import { PageHeader } from '../components/page-header.tsx';
import { ToolsPanel } from './tools-panel.tsx';
import { StreamElementsPanel } from './streamelements-panel.tsx';

export function ToolsPage() {
  return (
    <>
      <PageHeader title="Integrations" description="OBS Studio, Streamer.bot and StreamElements: the tools and services Bifrost talks to for your stream." />
      <ToolsPanel />
      <StreamElementsPanel />
    </>
  );
}
