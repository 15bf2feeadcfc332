/** /dashboard/chat: send as the channel or a bot, moderate, and see what was sent (and, in sandbox mode, what the fake received). */
import { useState } from 'react';
import { listChatLog } from '../api/chat-api.ts';
import { EmptyState } from '../components/empty-state.tsx';
import { LinkButton } from '../components/link-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { Panel } from '../components/panel.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Button } from '../components/button.tsx';
import { loadConnections } from '../connections/load-connections.ts';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { chatTargets } from './chat-target.ts';
import { ChatLog } from './chat-log.tsx';
import { FakeLog } from './fake-log.tsx';
import { ModerationForm } from './moderation-form.tsx';
import { SendForm } from './send-form.tsx';

export function ChatPage() {
  const can = useCan();
  const [connections, reloadConnections] = useResource(loadConnections);
  const [log, reloadLog] = useResource(listChatLog);
  const [platform, setPlatform] = useState('');
  // Bumped after each send or action: the fake's view reloads with it.
  const [version, setVersion] = useState(0);
  const changed = () => {
    setVersion((v) => v + 1);
    void reloadLog();
  };

  return (
    <>
      <PageHeader title="Chat" description="Send chat messages and moderate as your channel or one of your bots." />
      <ResourceView resource={connections} what="connections" onRetry={() => void reloadConnections()}>
        {(data) => {
          const targets = chatTargets(data);
          if (targets.length === 0) {
            return (
              <EmptyState title="No connected channel" action={<LinkButton to="/dashboard/connections">Open Connections</LinkButton>}>
                Connect your channel on a platform to send chat messages there.
              </EmptyState>
            );
          }
          const target = targets.find((t) => t.slug === platform) ?? targets[0]!;
          return (
            <>
              <Panel title="Send a message" headingId="chat-send-title">
                {can('chat:send') ? (
                  <SendForm targets={targets} platform={target.slug} onPlatform={setPlatform} onSent={changed} />
                ) : (
                  <p className="card-text muted">Your role may not send chat messages.</p>
                )}
              </Panel>
              {can('moderation:manage') ? (
                <Panel title="Moderate" headingId="chat-moderate-title" description={`Time out, ban or unban a user in your ${target.name} channel.`}>
                  <ModerationForm key={target.slug} target={target} onDone={changed} />
                </Panel>
              ) : null}
              {target.sandbox ? <FakeLog slug={target.slug} name={target.name} version={version} /> : null}
            </>
          );
        }}
      </ResourceView>
      <Panel
        title="Sent from Bifrost"
        headingId="chat-log-title"
        description="The latest messages and moderation actions sent through Bifrost for this account."
        action={
          <Button small onClick={() => void reloadLog()}>
            Reload
          </Button>
        }
      >
        <ResourceView resource={log} what="the chat log" onRetry={() => void reloadLog()}>
          {(entries) => <ChatLog entries={entries} />}
        </ResourceView>
      </Panel>
    </>
  );
}
