/** The Activity page's list of live connections (GET /v1/events/connections): where the feed comes from, and why a source is silent. */
import { listEventConnections } from '../api/events-api.ts';
import { Badge, type BadgeTone } from '../components/badge.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useResource } from '../lib/use-resource.ts';
import type { EventConnection } from '../api/types.ts';

const TONE: Record<EventConnection['state'], BadgeTone> = { connected: 'success', connecting: 'info', error: 'danger', off: 'outline' };
const WORD: Record<EventConnection['state'], string> = { connected: 'Connected', connecting: 'Connecting', error: 'Error', off: 'Off' };

export function ConnectionStates({ version }: { /** Changes when the stream (re)opens: reload the states. */ version: string }) {
  const platforms = usePlatforms();
  const [resource] = useResource(listEventConnections, [version]);
  if (resource.status !== 'ready' || resource.data.length === 0) return null;
  return (
    <ul className="connection-states" aria-label="Sources">
      {resource.data.map((c) => (
        <li key={c.key} data-connection={c.kind} data-state={c.state}>
          {c.kind === 'streamelements' ? `StreamElements (${platforms.name(c.platform)})` : platforms.name(c.platform)} <Badge tone={TONE[c.state]}>{WORD[c.state]}</Badge>
          {c.state === 'error' && c.reason ? <span className="connection-reason"> {c.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
}
