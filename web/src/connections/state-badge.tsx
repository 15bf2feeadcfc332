/** The badge of a platform card: Unavailable (outline), Not connected, or Connected with a check mark and any token trouble. */
import type { Integration } from '../api/types.ts';
import { Badge } from '../components/badge.tsx';

export function StateBadge({ state, channel }: { state: string; channel: Integration | null }) {
  if (state === 'unavailable') return <Badge tone="outline">Unavailable</Badge>;
  if (state !== 'connected') return <Badge>Not connected</Badge>;
  return (
    <span className="badge-group">
      <Badge tone="success">
        <span aria-hidden="true">✓ </span>Connected
      </Badge>
      {channel?.status === 'needs_reauth' ? <Badge tone="danger">Needs reconnect</Badge> : null}
      {channel?.status === 'degraded' ? <Badge tone="warning">Refresh failing</Badge> : null}
    </span>
  );
}
