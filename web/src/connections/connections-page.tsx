/** /dashboard/connections: platform cards, then the Integrations and StreamElements panels. */
import { useState } from 'react';
import { listAccountPlatforms, listIntegrations } from '../api/integrations-api.ts';
import type { AccountPlatform, PlatformIntegrations } from '../api/types.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Banner } from '../components/banner.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Link } from '../lib/router.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { PlatformCard } from './platform-card.tsx';
import { OAuthResultBanner } from './oauth-result-banner.tsx';
import { SandboxBanner } from './sandbox-banner.tsx';
import { ToolsPanel } from '../tools/tools-panel.tsx';
import { StreamElementsPanel } from '../tools/streamelements-panel.tsx';

interface ConnectionsData {
  platforms: AccountPlatform[];
  groups: PlatformIntegrations[];
}

async function loadConnections(): Promise<ConnectionsData> {
  const [platforms, groups] = await Promise.all([listAccountPlatforms(), listIntegrations()]);
  return { platforms, groups };
}

export function ConnectionsPage() {
  const can = useCan();
  const [resource, reload] = useResource(loadConnections);
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);

  return (
    <>
      <PageHeader
        title="Connections"
        description="Connect your streaming platforms to Bifrost."
        actions={
          <>
            {can('bot-connections:read') ? (
              <Link to="/dashboard/connections/bot" className="btn btn-secondary">
                <span>Bot Connections</span>
              </Link>
            ) : null}
            {can('connections:edit') ? (
              <Link to="/dashboard/connections/credentials" className="btn btn-secondary">
                <span>App Credentials</span>
              </Link>
            ) : null}
          </>
        }
      />
      <OAuthResultBanner />
      {notice ? <Banner tone={notice.tone} title={notice.text} onDismiss={() => setNotice(null)} /> : null}
      <ResourceView resource={resource} what="connections" onRetry={() => void reload()}>
        {({ platforms, groups }) => (
          <>
            {platforms.some((p) => p.sandbox) ? <SandboxBanner /> : null}
            {platforms.length === 0 ? (
              <EmptyState title="No platforms">This Bifrost server offers no streaming platforms.</EmptyState>
            ) : (
              <div className="card-grid">
                {platforms.map((p) => (
                  <PlatformCard
                    key={p.slug}
                    platform={p}
                    channel={groups.find((g) => g.platform_slug === p.slug)?.channel ?? null}
                    onChanged={() => void reload()}
                    onDisconnected={(name, revokeError) => {
                      setNotice(
                        revokeError
                          ? { tone: 'warning', text: `Disconnected ${name}, but revoking at ${name} failed (${revokeError}). You may also remove Bifrost in ${name}'s connection settings.` }
                          : { tone: 'success', text: `Disconnected ${name}. Your app credentials are kept.` },
                      );
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
