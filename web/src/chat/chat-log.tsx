/** "Sent from Bifrost": the account's latest messages and moderation actions, from Bifrost's own log (GET /v1/chat/log). */
import type { ChatLogEntry } from '../api/types.ts';
import { DateTime } from '../components/date-time.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

function what(e: ChatLogEntry): string {
  const target = e.target ?? 'a user';
  switch (e.action) {
    case 'sent':
      return e.text ?? '';
    case 'deleted':
      return `deleted message ${e.message_id ?? ''}`.trim();
    case 'banned':
      return `banned ${target}`;
    case 'timed_out':
      return `timed out ${target}${e.duration_s ? ` for ${e.duration_s} s` : ''}`;
    case 'unbanned':
      return `unbanned ${target}`;
  }
}

export function ChatLog({ entries }: { entries: ChatLogEntry[] }) {
  const platforms = usePlatforms();
  if (entries.length === 0) return <EmptyState title="Nothing sent yet">Messages and moderation actions sent through Bifrost show here.</EmptyState>;
  return (
    <ul className="feed" aria-label="Sent from Bifrost">
      {entries.map((e) => (
        <li key={e.id} className="feed-item" data-action={e.action}>
          <span className="feed-meta">
            <DateTime value={e.created_at} relativeOnly /> · {platforms.name(e.platform)} · as @{e.sender.username}
          </span>
          <span className="feed-text">{what(e)}</span>
        </li>
      ))}
    </ul>
  );
}
