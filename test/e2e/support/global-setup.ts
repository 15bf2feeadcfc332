/** Fails the browser suite on CI when Chromium is missing; elsewhere says the tests are skipped. */
import { chromiumAvailable, CHROMIUM_PATH, SKIP_MESSAGE } from './chromium.ts';

export default function setup(): void {
  if (chromiumAvailable()) return;
  if (process.env.CI) {
    throw new Error(`${CHROMIUM_PATH} not found: CI must run the browser tests (install Debian's chromium package; .ci/run does)`);
  }
  process.stdout.write(`\n[bifrost] ${SKIP_MESSAGE}\n\n`);
}
