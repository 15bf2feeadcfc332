import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// `bifrost-source`: the workspace packages (@bifrost/client, @bifrost/twurple) export their TypeScript
// sources under this condition, so tests run them without a build (npm ci builds dist/ for everyone else).
const conditions = ['bifrost-source', ...defaultServerConditions];

export default defineConfig({
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    exclude: ['test/multi/**', 'test/e2e/**', 'test/obs/**', 'node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
