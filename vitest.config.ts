import { defineConfig } from 'vitest/config';

// `bifrost-source`: the workspace packages (@bifrost/client, @bifrost/twurple) export their TypeScript
// sources under this condition, so tests run them without a build (npm ci builds dist/ for everyone else).
const conditions = ['bifrost-source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['bifrost-source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/multi/**', 'test/e2e/**', 'test/obs/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
