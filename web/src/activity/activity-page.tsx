/** /dashboard/activity: the live feed of chat, follows, subs, tips … with platform and type filters, a connection indicator and (sandbox) Simulate. */
import { useMemo, useState } from 'react';
import { listAccountPlatforms } from '../api/integrations-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { Panel } from '../components/panel.tsx';
import { SelectField } from '../components/select-field.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import type { EventFilter } from '../api/events-api.ts';
import { EVENT_TYPES, eventTypeLabel } from './event-types.ts';
import { EventFeed } from './event-feed.tsx';
import { SimulatePanel } from './simulate-panel.tsx';
import { ConnectionStates } from './connection-states.tsx';
import { useEventStream, type StreamStatus } from './use-event-stream.ts';

const STATUS_TEXT: Record<StreamStatus, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

function StreamIndicator({ status }: { status: StreamStatus }) {
  return (
    <span className={`stream-indicator stream-${status}`} role="status" data-status={status}>
      <span className="stream-dot" aria-hidden="true" />
      {STATUS_TEXT[status]}
    </span>
  );
}

export function ActivityPage() {
  const directory = usePlatforms();
  const can = useCan();
  const [type, setType] = useState('');
  const [platform, setPlatform] = useState('');
  const filter = useMemo<EventFilter>(() => ({ types: type ? [type] : [], platforms: platform ? [platform] : [] }), [type, platform]);
  const { events, status } = useEventStream(filter);
  // Sandbox mode is a property of the server: any platform card says it.
  const [cards] = useResource(() => (can('connections:read') ? listAccountPlatforms() : Promise.resolve([])));
  const sandbox = cards.status === 'ready' && cards.data.some((p) => p.sandbox);
  // A fake emits only to a connected channel's subscriptions: offer the platforms that have one.
  const connected = cards.status === 'ready' ? cards.data.filter((p) => p.state === 'connected') : [];

  return (
    <>
      <PageHeader title="Activity" description="Chat, follows, subs, tips and more from every connected platform, as they happen." actions={<StreamIndicator status={status} />} />
      <form className="filters" aria-label="Filter the activity" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Platform" value={platform} onChange={(e) => setPlatform(e.target.value)}>
          <option value="">All platforms</option>
          {directory.list.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">All types</option>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {eventTypeLabel(t)}
            </option>
          ))}
        </SelectField>
      </form>
      {sandbox ? <SimulatePanel platforms={connected} /> : null}
      <Panel title="Live events" headingId="activity-feed-title">
        <ConnectionStates version={status} />
        <EventFeed events={events} />
      </Panel>
    </>
  );
}
