/** /dashboard/audit-log: security-relevant events of this account, filterable, newest first, paged by cursor. */
import { useState } from 'react';
import { listAuditLogs } from '../api/accounts-api.ts';
import type { AuditQuery } from '../api/types.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Button } from '../components/button.tsx';
import { useResource } from '../lib/use-resource.ts';
import { useSession } from '../lib/session.tsx';
import { AuditFilters, EMPTY_FILTERS, type AuditFilterValues } from './audit-filters.tsx';
import { AuditTable } from './audit-table.tsx';

const PAGE_SIZE = 50;

function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function AuditLogPage() {
  const { isInstanceAdmin, me } = useSession();
  const [filters, setFilters] = useState<AuditFilterValues>(EMPTY_FILTERS);
  // Cursors of the pages before the current one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(string | undefined)[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);

  const query: AuditQuery = {
    action: filters.action.trim() || undefined,
    actor: filters.actor.trim() || undefined,
    since: toIso(filters.since),
    until: toIso(filters.until),
    cursor,
    limit: PAGE_SIZE,
    ...(filters.instance ? { scope: 'instance' as const } : {}),
  };
  const [resource, reload] = useResource(() => listAuditLogs(query), [JSON.stringify(query)]);

  return (
    <>
      <PageHeader title="Audit Log" description="Who did what, when and from where in this account: sign-ins, connections, tokens, members, keys and credentials." />
      <AuditFilters
        initial={filters}
        instanceScope={isInstanceAdmin}
        onApply={(values) => {
          setFilters(values);
          setCursors([]);
          setCursor(undefined);
        }}
      />
      <ResourceView resource={resource} what="the audit log" onRetry={() => void reload()}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <EmptyState title="No events">{cursor ? 'No older events.' : 'Nothing matches these filters yet.'}</EmptyState>
            ) : (
              <AuditTable items={page.items} me={me.user} />
            )}
            <nav className="pager" aria-label="Audit log pages">
              <Button
                disabled={cursors.length === 0}
                onClick={() => {
                  setCursor(cursors[cursors.length - 1]);
                  setCursors(cursors.slice(0, -1));
                }}
              >
                ← Newer
              </Button>
              <span className="muted">Page {cursors.length + 1}</span>
              <Button
                disabled={!page.next_cursor}
                onClick={() => {
                  setCursors([...cursors, cursor]);
                  setCursor(page.next_cursor ?? undefined);
                }}
              >
                Older →
              </Button>
            </nav>
          </>
        )}
      </ResourceView>
    </>
  );
}
