/**
 * Sandbox mode: buttons that make each platform's fake (and StreamElements') emit an event the way the
 * real one would (POST /sandbox/{platform}/events), so the feed can be tried without a real stream.
 */
import { simulateEvent } from '../api/events-api.ts';
import { ApiError } from '../api/client.ts';
import { Panel } from '../components/panel.tsx';
import { RowAction } from '../components/row-action.tsx';
import { ActionFeedback } from '../components/action-feedback.tsx';
import { useAction } from '../lib/use-action.ts';

interface Simulation {
  label: string;
  /** Event types to ask for, in order: the first the fake knows is emitted (a platform's way to pay is a cheer, a tip or a Super Chat). */
  types: readonly string[];
  fields?: Record<string, unknown>;
}

/** What the fakes can emit; a platform without any of a button's types says so in the fake's own words. */
const PLATFORM_EVENTS: readonly Simulation[] = [
  { label: 'Follow', types: ['follow'] },
  { label: 'Sub', types: ['subscription', 'membership'] },
  { label: 'Cheer / tip', types: ['cheer', 'tip', 'superchat'], fields: { amount: 5, currency: 'USD', message: 'Great stream!' } },
  { label: 'Raid', types: ['raid'] },
  { label: 'Chat message', types: ['chat.message'], fields: { text: 'Hello from the sandbox!' } },
];

const unknownType = (err: unknown) => err instanceof ApiError && err.status === 400 && err.code === 'unknown_type';

/** Asks the fake for each type in turn until one is known. */
async function simulate(source: string, s: Simulation): Promise<void> {
  for (const [i, type] of s.types.entries()) {
    try {
      await simulateEvent(source, { ...s.fields, type });
      return;
    } catch (err) {
      if (!unknownType(err) || i === s.types.length - 1) throw err;
    }
  }
}

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
            <RowAction key={s.label} small action={action} run={() => simulate(source, s)} success={`${name}: ${s.label.toLowerCase()} sent.`}>
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
        <SimulateRow source={STREAMELEMENTS} name="StreamElements" simulations={[{ label: 'Tip', types: ['tip'], fields: { amount: 5, currency: 'USD', message: 'Keep it up!', username: 'generous_viewer' } }]} />
      </ul>
    </Panel>
  );
}
