/** Says plainly that the platforms are simulated, so nobody mistakes sandbox connections for real ones. */
import { Banner } from '../components/banner.tsx';

export function SandboxBanner() {
  return (
    <Banner tone="info" title="Sandbox mode">
      <p>Platforms are simulated by Bifrost's local fakes: connecting uses a test consent page and no real Twitch, YouTube, Kick or Trovo account.</p>
    </Banner>
  );
}
