/** One platform on Admin → Platforms: its instance-wide switch and what turning it off means. */
import { useState } from 'react';
import type { AdminPlatform } from '../api/types.ts';
import { setPlatformEnabled } from '../api/accounts-api.ts';
import { errorMessage } from '../api/client.ts';
import { Switch } from '../components/switch.tsx';
import { PlatformIcon } from '../connections/platform-icon.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

export function PlatformRow({ platform, onChanged }: { platform: AdminPlatform; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = usePlatforms().name(platform.slug);
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
