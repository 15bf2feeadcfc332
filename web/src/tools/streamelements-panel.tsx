/** StreamElements tokens: add, list with their "Token: …xxxx" hint, remove with a confirmation. */
import type { StreamElementsToken } from '../api/types.ts';
import { listStreamElementsTokens, removeStreamElementsToken } from '../api/tools-api.ts';
import { KeyListPage } from '../components/key-list-page.tsx';
import { DateTime } from '../components/date-time.tsx';
import { Badge } from '../components/badge.tsx';
import { useCan } from '../lib/session.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { StreamElementsDialog } from './streamelements-dialog.tsx';
import { listEventConnections } from '../api/events-api.ts';
import { useResource } from '../lib/use-resource.ts';
import { connectionOf, EventStateLine } from '../connections/event-state.tsx';

export function StreamElementsPanel() {
  const can = useCan();
  const platforms = usePlatforms();
  // Each token's tip connection (a rejected JWT shows its reason here); none without the events API.
  const [live] = useResource(() => (can('events:read') ? listEventConnections() : Promise.resolve([])));
  const connections = live.status === 'ready' ? live.data : null;
  return (
    <KeyListPage<StreamElementsToken>
      title="StreamElements"
      description="Tokens Bifrost uses to ingest tips from StreamElements."
      panel={{ id: 'streamelements', headingId: 'se-heading' }}
      what="StreamElements tokens"
      load={listStreamElementsTokens}
      empty={{ title: 'No StreamElements tokens', text: 'Add the JWT from your StreamElements dashboard to receive tips.' }}
      row={(t) => ({
        'data-se-token': t.id,
        title: (
          <>
            {t.label ?? 'StreamElements token'} <Badge>{platforms.name(t.platform)}</Badge>
          </>
        ),
        meta: (
          <>
            <code>{t.display_hint ?? `Token: …${t.token_hint}`}</code> · added <DateTime value={t.created_at} relativeOnly />
            {t.expires_at ? (
              <>
                {' '}
                · expires <DateTime value={t.expires_at} />
              </>
            ) : null}
          </>
        ),
        children: <EventStateLine connection={connectionOf(connections, { streamElementsTokenId: t.id })} />,
      })}
      create={{ label: 'Add Token', allowed: can('connections:create'), dialog: (props) => <StreamElementsDialog {...props} /> }}
      remove={{
        label: 'Remove',
        allowed: can('connections:delete'),
        title: () => 'Remove StreamElements token',
        message: (t) => `Remove ${t.label ?? 'this token'}? Revoking it stops tip ingestion from StreamElements immediately.`,
        run: (t) => removeStreamElementsToken(t.id),
      }}
    />
  );
}
