/**
 * Sandbox mode: buttons that make each platform's fake (and StreamElements') emit an event the way the
 * real one would (POST /sandbox/{platform}/events), so the feed can be tried without a real stream.
 */
import { simulateEvent } from '../api/events-api.ts';
import { Panel } from '../components/panel.tsx';
import { RowAction } from '../components/row-action.tsx';
import { ActionFeedback } from '../components/action-feedback.tsx';
import { useAction } from '../lib/use-action.ts';

interface Simulation {
  label: string;
  body: { type: string } & Record<string, unknown>;
}

/** What every platform's fake can emit; a platform without an event type says so in the fake's answer. */
const PLATFORM_EVENTS: readonly Simulation[] = [
  { label: 'Follow', body: { type: 'follow' } },
  { label: 'Sub', body: { type: 'subscription' } },
  { label: 'Cheer / tip', body: { type: 'cheer' } },
  { label: 'Raid', body: { type: 'raid' } },
  { label: 'Chat message', body: { type: 'chat.message', text: 'Hello from the sandbox!' } },
];

/** The StreamElements fake's path under /sandbox (not a platform). */
const STREAMELEMENTS = 'streamelements';

function SimulateRow({ source, name, simulations }: { source: string; name: string; simulations: readonly Simulation[] }) {
  const action = useAction();
  return (
    <li className="row-item" data-simulate={source}>
      <div className="row-main">
        <p className="row-title">{name}</p>
        <div className="simulate-buttons" role="group" aria-label={`Simulate on ${name}`}>
          {simulations.map((s) => (
            <RowAction key={s.label} small action={action} run={() => simulateEvent(source, s.body)} success={`${name}: ${s.label.toLowerCase()} sent.`}>
              {s.label}
            </RowAction>
          ))}
        </div>
        <ActionFeedback action={action} />
      </div>
    </li>
  );
}

export function SimulatePanel({ platforms }: { platforms: readonly { slug: string; name: string }[] }) {
  return (
    <Panel title="Simulate" headingId="simulate-title" description="Sandbox mode: make a fake platform send an event, as a viewer would.">
      <ul className="row-list">
        {platforms.map((p) => (
          <SimulateRow key={p.slug} source={p.slug} name={p.name} simulations={PLATFORM_EVENTS} />
        ))}
        <SimulateRow source={STREAMELEMENTS} name="StreamElements" simulations={[{ label: 'Tip', body: { type: 'tip', amount: 5, currency: 'USD', message: 'Keep it up!', username: 'generous_viewer' } }]} />
      </ul>
    </Panel>
  );
}
