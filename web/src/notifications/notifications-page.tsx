/** /dashboard/notifications: token failures, recoveries and credential alarms, newest first, each with where to fix it. */
import { listNotifications } from '../api/integrations-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { Badge } from '../components/badge.tsx';
import { DateTime } from '../components/date-time.tsx';
import { Row } from '../components/row.tsx';
import { Link } from '../lib/router.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useResource } from '../lib/use-resource.ts';
import { notificationText } from './notification-text.ts';

export function NotificationsPage() {
  const platforms = usePlatforms();
  const [resource, reload] = useResource(listNotifications);
  return (
    <>
      <PageHeader title="Notifications" description="When a connection loses its access, fails to renew it, or works again. Newest first." />
      <ResourceView resource={resource} what="notifications" onRetry={() => void reload()}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="All quiet">No connection has had trouble. Problems with tokens and app credentials will show up here.</EmptyState>
          ) : (
            <ul className="row-list notification-list">
              {items.map((n) => {
                const t = notificationText(n, platforms.name(n.platform));
                return (
                  <Row
                    key={n.id}
                    data-notification={n.kind}
                    title={
                      <>
                        <Badge tone={t.tone}>{t.label}</Badge> {t.text}
                      </>
                    }
                    meta={
                      <>
                        <DateTime value={n.created_at} />
                        {t.fix ? (
                          <>
                            {' · '}
                            <Link to={t.fix.to}>{t.fix.label}</Link>
                          </>
                        ) : null}
                      </>
                    }
                  />
                );
              })}
            </ul>
          )
        }
      </ResourceView>
    </>
  );
}
