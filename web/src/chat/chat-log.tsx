/** "Sent from Bifrost": the account's latest messages and moderation actions, from Bifrost's own log (GET /v1/chat/log). */
import type { ChatLogEntry } from '../api/types.ts';
import { DateTime } from '../components/date-time.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

function who(entry: ChatLogEntry): string {
  const s = entry.sender;
  if (!s) return '';
  return typeof s === 'string' ? s : s.username ? `@${s.username}` : '';
}

function what(entry: ChatLogEntry): string {
  const kind = entry.kind ?? entry.action ?? 'message';
  if (entry.text && /message|send|sent/.test(kind)) return entry.text;
  const target = entry.target ? ` ${entry.target}` : '';
  const duration = entry.duration_s ? ` for ${entry.duration_s} s` : '';
  return `${kind.replace(/[._]/g, ' ')}${target}${duration}${entry.text ? `: ${entry.text}` : ''}`;
}

export function ChatLog({ entries }: { entries: ChatLogEntry[] }) {
  const platforms = usePlatforms();
  if (entries.length === 0) return <EmptyState title="Nothing sent yet">Messages and moderation actions sent through Bifrost show here.</EmptyState>;
  return (
    <ul className="feed" aria-label="Sent from Bifrost">
      {entries.map((e, i) => (
        <li key={e.id ?? `${i}-${e.at ?? e.sent_at ?? e.created_at}`} className="feed-item">
          <span className="feed-meta">
            <DateTime value={e.at ?? e.sent_at ?? e.created_at} relativeOnly /> · {platforms.name(e.platform)} {who(e)}
          </span>
          <span className="feed-text">{what(e)}</span>
        </li>
      ))}
    </ul>
  );
}
