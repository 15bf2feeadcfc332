// `npm run test:multi`: the multi-process suites (several Bifrost processes, SIGKILL at failpoints).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/multi/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // One suite at a time: each already runs several processes on a 2-core machine.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
