/** /dashboard/admin/platforms (instance admins): enable or disable platforms for every account. */
import { listAdminPlatforms } from '../api/accounts-api.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Link } from '../lib/router.tsx';
import { useResource } from '../lib/use-resource.ts';
import { PlatformRow } from './platform-row.tsx';

export function AdminPlatformsPage() {
  const [resource, reload] = useResource(listAdminPlatforms);
  return (
    <>
      <PageHeader title="Platforms" description="Instance-wide: a disabled platform shows as Unavailable on every account's Connections page." />
      <ResourceView resource={resource} what="platforms" onRetry={() => void reload()}>
        {(platforms) => (
          <section className="panel" aria-label="Platforms">
            <ul className="row-list">
              {platforms.map((p) => (
                <PlatformRow key={p.slug} platform={p} onChanged={() => void reload()} />
              ))}
            </ul>
          </section>
        )}
      </ResourceView>
      <p className="footnote">
        Global bots, the fallback bot of every account, are connected on the <Link to="/dashboard/connections/bot">Bot Connections</Link> page.
      </p>
    </>
  );
}
