/** The one badge of a connection card or row, as its state machine (card-state.ts) gives it. */
import { Badge } from '../components/badge.tsx';
import type { CardView } from './card-state.ts';

export function StateBadge({ view }: { view: CardView }) {
  return (
    <Badge tone={view.badge.tone} className="state-badge">
      {view.badge.mark ? <span aria-hidden="true">{view.badge.mark} </span> : null}
      {view.badge.label}
    </Badge>
  );
}
