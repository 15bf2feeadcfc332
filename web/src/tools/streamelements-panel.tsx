/** StreamElements tokens: add, list with their "Token: …xxxx" hint, remove with a confirmation. */
import { useState } from 'react';
import type { StreamElementsToken } from '../api/types.ts';
import { listStreamElementsTokens, removeStreamElementsToken } from '../api/tools-api.ts';
import { Button } from '../components/button.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DateTime } from '../components/date-time.tsx';
import { Badge } from '../components/badge.tsx';
import { useCan } from '../lib/session.tsx';
import { useResource } from '../lib/use-resource.ts';
import { usePlatforms } from '../lib/platforms.tsx';
import { StreamElementsDialog } from './streamelements-dialog.tsx';

export function StreamElementsPanel() {
  const can = useCan();
  const platforms = usePlatforms();
  const [resource, reload] = useResource(listStreamElementsTokens);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<StreamElementsToken | null>(null);

  return (
    <section className="panel" aria-labelledby="se-heading" id="streamelements">
      <div className="panel-head">
        <div>
          <h2 className="panel-title" id="se-heading">
            StreamElements
          </h2>
          <p className="panel-description">Tokens Bifrost uses to ingest tips from StreamElements.</p>
        </div>
        {can('connections:create') ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add Token
          </Button>
        ) : null}
      </div>
      <ResourceView resource={resource} what="StreamElements tokens" onRetry={() => void reload()}>
        {(tokens) =>
          tokens.length === 0 ? (
            <EmptyState title="No StreamElements tokens">Add the JWT from your StreamElements dashboard to receive tips.</EmptyState>
          ) : (
            <ul className="row-list">
              {tokens.map((t) => (
                <li className="row-item" key={t.id} data-se-token={t.id}>
                  <div className="row-main">
                    <p className="row-title">
                      {t.label ?? 'StreamElements token'} <Badge>{platforms.name(t.platform)}</Badge>
                    </p>
                    <p className="row-meta">
                      <code>{t.display_hint ?? `Token: …${t.token_hint}`}</code> · added <DateTime value={t.created_at} relativeOnly />
                      {t.expires_at ? (
                        <>
                          {' '}
                          · expires <DateTime value={t.expires_at} />
                        </>
                      ) : null}
                    </p>
                  </div>
                  {can('connections:delete') ? (
                    <div className="row-actions">
                      <Button small variant="danger" onClick={() => setRemoving(t)}>
                        Remove
                      </Button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      <StreamElementsDialog open={adding} onClose={() => setAdding(false)} onSaved={() => void reload()} />
      <ConfirmDialog
        open={removing !== null}
        title="Remove StreamElements token"
        message={`Remove ${removing?.label ?? 'this token'}? Revoking it stops tip ingestion from StreamElements immediately.`}
        confirmLabel="Remove"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (removing) await removeStreamElementsToken(removing.id);
          void reload();
        }}
      />
    </section>
  );
}
