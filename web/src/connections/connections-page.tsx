/** /dashboard/connections: platform cards, then the Integrations and StreamElements panels. */
import { useState } from 'react';
import { PageHeader } from '../components/page-header.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Banner } from '../components/banner.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { PlatformCard } from './platform-card.tsx';
import { OAuthResultBanner } from './oauth-result-banner.tsx';
import { SandboxBanner } from './sandbox-banner.tsx';
import { loadConnections } from './load-connections.ts';
import { listEventConnections } from '../api/events-api.ts';
import { ToolsPanel } from '../tools/tools-panel.tsx';
import { StreamElementsPanel } from '../tools/streamelements-panel.tsx';

export function ConnectionsPage() {
  const can = useCan();
  const [resource, reload] = useResource(loadConnections);
  // Each channel's live connection: a server without the events API (or a role without events:read) shows none.
  const [live] = useResource(() => (can('events:read') ? listEventConnections() : Promise.resolve([])));
  const connections = live.status === 'ready' ? live.data : null;
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);
  // Counts successful actions: an old error banner clears when a later action works.
  const [successes, setSuccesses] = useState(0);

  return (
    <>
      <PageHeader
        title="Connections"
        description="Connect your streaming platforms to Bifrost."
        actions={
          <>
            {can('bot-connections:read') ? (
              <LinkButton to="/dashboard/connections/bot">Bot Connections</LinkButton>
            ) : null}
            {can('connections:edit') ? (
              <LinkButton to="/dashboard/connections/credentials">App Credentials</LinkButton>
            ) : null}
          </>
        }
      />
      <OAuthResultBanner successes={successes} />
      {notice ? <Banner tone={notice.tone} title={notice.text} onDismiss={() => setNotice(null)} /> : null}
      <ResourceView resource={resource} what="connections" onRetry={() => void reload()}>
        {({ platforms, groups }) => (
          <>
            {platforms.some((p) => p.sandbox) ? <SandboxBanner /> : null}
            {platforms.length === 0 ? (
              <EmptyState title="No platforms">This Bifrost server offers no streaming platforms.</EmptyState>
            ) : (
              <div className="card-grid card-grid-platforms">
                {platforms.map((p) => (
                  <PlatformCard
                    key={p.slug}
                    platform={p}
                    channel={groups.find((g) => g.platform_slug === p.slug)?.channel ?? null}
                    connections={connections}
                    onChanged={() => {
                      setSuccesses((n) => n + 1);
                      void reload();
                    }}
                    onDisconnected={(name, revokeError) => {
                      setNotice(
                        revokeError
                          ? { tone: 'warning', text: `Disconnected ${name}, but revoking at ${name} failed (${revokeError}). You may also remove Bifrost in ${name}'s connection settings.` }
                          : { tone: 'success', text: `Disconnected ${name}. Your app credentials are kept.` },
                      );
                      setSuccesses((n) => n + 1);
                      void reload();
                    }}
                  />
                ))}
              </div>
            )}
          </>
        )}
      </ResourceView>
      <ToolsPanel />
      <StreamElementsPanel />
    </>
  );
}
