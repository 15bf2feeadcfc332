/** Where Debian's Chromium lives, and whether the browser suite can run here. */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.BIFROST_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export const SKIP_MESSAGE = `browser tests skipped: ${CHROMIUM_PATH} not found`;
