/** /dashboard/admin/platforms (instance admins): enable or disable platforms for every account. */
import { useState } from 'react';
import type { AdminPlatform } from '../api/types.ts';
import { listAdminPlatforms, setPlatformEnabled } from '../api/accounts-api.ts';
import { errorMessage } from '../api/client.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ResourceView } from '../components/resource-view.tsx';
import { Switch } from '../components/switch.tsx';
import { Link } from '../lib/router.tsx';
import { useResource } from '../lib/use-resource.ts';
import { PlatformIcon } from '../connections/platform-icon.tsx';
import { platformName } from '../connections/connect-errors.ts';

function PlatformRow({ platform, onChanged }: { platform: AdminPlatform; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = platform.name ?? platformName(platform.slug);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await setPlatformEnabled(platform.slug, enabled);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="row-item" data-platform={platform.slug}>
      <div className="row-main">
        <p className="row-title">
          <PlatformIcon slug={platform.slug} name={name} /> {name}
        </p>
        <p className="row-meta">{platform.enabled ? 'Accounts can connect it.' : 'Shown as Unavailable to every account; connections and refreshes stop.'}</p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="row-actions">
        <Switch checked={platform.enabled} label={`${name} ${platform.enabled ? 'enabled' : 'disabled'}`} busy={busy} onChange={(v) => void toggle(v)} />
      </div>
    </li>
  );
}

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
