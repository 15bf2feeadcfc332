// `npm run test:obs`: the suite against a real OBS Studio started headless under Xvfb (skipped, with a line saying so, when obs or xvfb-run is missing).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/obs/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
