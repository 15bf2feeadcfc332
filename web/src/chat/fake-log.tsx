/** Sandbox mode: what the platform's fake received (GET /sandbox/{platform}/chat), newest first, with a Reload. */
import { listFakeChat } from '../api/chat-api.ts';
import { Button } from '../components/button.tsx';
import { DateTime } from '../components/date-time.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Panel } from '../components/panel.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { useResource } from '../lib/use-resource.ts';
import type { FakeChatEntry } from '../api/types.ts';

function line(e: FakeChatEntry): string {
  if (e.text !== undefined && e.kind.includes('message')) return e.text;
  const target = e.target ? ` ${e.target}` : '';
  const duration = e.duration_s ? ` for ${e.duration_s} s` : '';
  return `${e.kind.replace(/[._]/g, ' ')}${target}${duration}${e.text ? `: ${e.text}` : ''}`;
}

const time = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at)) || 0;
/** Newest first; entries with the same time keep the fake's order, reversed. */
const newestFirst = (items: FakeChatEntry[]) => [...items].reverse().sort((a, b) => time(b.at) - time(a.at));

export function FakeLog({ slug, name, version }: { slug: string; name: string; /** Changes after each send: reload. */ version: number }) {
  const [resource, reload] = useResource(() => listFakeChat(slug), [slug, version]);
  return (
    <Panel
      title="What the platform received"
      headingId="fake-log-title"
      description={`Sandbox mode: every message and moderation action ${name}'s fake received.`}
      action={
        <Button small onClick={() => void reload()}>
          Reload
        </Button>
      }
    >
      <ResourceView resource={resource} what="the fake's log" onRetry={() => void reload()}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="Nothing received yet" />
          ) : (
            <ul className="feed" aria-label="What the platform received" data-fake-log={slug}>
              {newestFirst(items).map((e, i) => (
                <li key={`${i}-${e.message_id ?? ''}`} className="feed-item">
                  <span className="feed-meta">
                    <DateTime value={e.at} relativeOnly /> · from <code>{e.sender_id}</code>
                  </span>
                  <span className="feed-text">{line(e)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </Panel>
  );
}
