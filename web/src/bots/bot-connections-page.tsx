/** /dashboard/connections/bot (Bot Connections): custom chat-bot identities per platform. */
import { useState } from 'react';
import { PageHeader } from '../components/page-header.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Banner } from '../components/banner.tsx';
import { useResource } from '../lib/use-resource.ts';
import { OAuthResultBanner } from '../connections/oauth-result-banner.tsx';
import { SandboxBanner } from '../connections/sandbox-banner.tsx';
import { loadConnections } from '../connections/load-connections.ts';
import { BotPlatformCard } from './bot-platform-card.tsx';

export function BotConnectionsPage() {
  const [resource, reload] = useResource(loadConnections);
  const [notice, setNotice] = useState<{ tone: 'success' | 'warning'; text: string } | null>(null);
  // Counts successful actions: an old error banner clears when a later action works.
  const [successes, setSuccesses] = useState(0);
  return (
    <>
      <PageHeader
        title="Bot Connections"
        description="Custom chat-bot identities, so your bot posts as a separate account (e.g. YourBot instead of YourChannel). Without one, the global bot is used."
        actions={<LinkButton to="/dashboard/connections">Back to Connections</LinkButton>}
      />
      <OAuthResultBanner successes={successes} />
      {notice ? <Banner tone={notice.tone} title={notice.text} onDismiss={() => setNotice(null)} /> : null}
      <ResourceView resource={resource} what="bot connections" onRetry={() => void reload()}>
        {({ platforms, groups }) => (
          <>
            {platforms.some((p) => p.sandbox) ? <SandboxBanner /> : null}
            <div className="card-grid card-grid-wide">
              {platforms.map((p) => (
                <BotPlatformCard
                  key={p.slug}
                  platform={p}
                  group={groups.find((g) => g.platform_slug === p.slug)}
                  onChanged={() => {
                    setSuccesses((n) => n + 1);
                    void reload();
                  }}
                  onDisconnected={(name, revokeError) => {
                    setNotice(
                      revokeError
                        ? { tone: 'warning', text: `Disconnected the ${name} bot, but revoking at ${name} failed (${revokeError}). Chat falls back to the global bot.` }
                        : { tone: 'success', text: `Disconnected the ${name} bot. Chat falls back to the global bot.` },
                    );
                    setSuccesses((n) => n + 1);
                    void reload();
                  }}
                />
              ))}
            </div>
          </>
        )}
      </ResourceView>
    </>
  );
}
