/** The Activity page's list: each event with its platform, type, who and what, newest first; announced politely as it grows. */
import type { EventEnvelope } from '../api/types.ts';
import { Badge } from '../components/badge.tsx';
import { DateTime } from '../components/date-time.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PlatformIcon } from '../connections/platform-icon.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { eventTypeLabel } from './event-types.ts';
import { actorName, eventText } from './event-text.ts';

export function EventFeed({ events }: { events: EventEnvelope[] }) {
  const platforms = usePlatforms();
  if (events.length === 0) return <EmptyState title="No events yet">Chat, follows, subs and tips show here the moment they arrive.</EmptyState>;
  return (
    <ul className="feed event-feed" aria-label="Live events" aria-live="polite">
      {events.map((e) => {
        // StreamElements tips carry the platform of the channel they belong to, or none.
        const name = e.platform ? platforms.name(e.platform) : 'StreamElements';
        return (
          <li key={e.id} className="feed-item event-item" data-type={e.type} data-seq={e.seq}>
            <PlatformIcon slug={e.platform} name={name} />
            <div className="feed-body">
              <span className="feed-meta">
                <Badge tone="outline">{eventTypeLabel(e.type)}</Badge> {name}
                {e.source === 'streamelements' && e.platform ? ' via StreamElements' : ''} · <DateTime value={e.occurred_at} relativeOnly />
              </span>
              <span className="feed-text">
                {actorName(e) ? <strong>{actorName(e)}</strong> : null} {eventText(e)}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
