/** One platform on Admin → Platforms: its instance-wide switch and what turning it off means. */
import type { AdminPlatform } from '../api/types.ts';
import { setPlatformEnabled } from '../api/accounts-api.ts';
import { Switch } from '../components/switch.tsx';
import { Row } from '../components/row.tsx';
import { PlatformIcon } from '../connections/platform-icon.tsx';
import { usePlatforms } from '../lib/platforms.tsx';
import { useAction } from '../lib/use-action.ts';

export function PlatformRow({ platform, onChanged }: { platform: AdminPlatform; onChanged: () => void }) {
  const action = useAction();
  const name = usePlatforms().name(platform.slug);
  return (
    <Row
      data-platform={platform.slug}
      title={
        <>
          <PlatformIcon slug={platform.slug} name={name} /> {name}
        </>
      }
      meta={platform.enabled ? 'Accounts can connect it.' : 'Shown as Unavailable to every account; connections and refreshes stop.'}
      action={action}
      actions={
        <Switch
          checked={platform.enabled}
          label={`${name} ${platform.enabled ? 'enabled' : 'disabled'}`}
          busy={action.busy}
          onChange={(enabled) => void action.run(() => setPlatformEnabled(platform.slug, enabled).then(onChanged))}
        />
      }
    />
  );
}
