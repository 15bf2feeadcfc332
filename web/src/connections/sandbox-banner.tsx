/** Says plainly that the platforms are simulated, so nobody mistakes sandbox connections for real ones. */
import { Banner } from '../components/banner.tsx';
import { usePlatforms } from '../lib/platforms.tsx';

export function SandboxBanner() {
  const platforms = usePlatforms();
  return (
    <Banner tone="info" title="Sandbox mode">
      <p>Platforms are simulated by Bifrost's local fakes: connecting uses a test consent page and no real {platforms.names('or')} account.</p>
    </Banner>
  );
}
