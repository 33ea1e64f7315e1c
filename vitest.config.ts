import { defineConfig } from 'vitest/config';

// Unit and integration tests of the linter, the schemas and the site's pure helpers. Browser tests and the
// site build run from their own projects so a plain `vitest run` stays fast.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'lint', include: ['lint/**/*.test.ts', 'tools/**/*.test.ts', 'evals/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      // Builds share <root>/.astro/.prerender whatever their outDir, so site test files run one at a time.
      { test: { name: 'site', include: ['site/**/*.test.ts'], exclude: ['site/test/e2e/**'], environment: 'node', testTimeout: 240_000, hookTimeout: 240_000, fileParallelism: false } },
      { test: { name: 'e2e', include: ['site/test/e2e/**/*.test.ts'], globalSetup: ['site/test/e2e/global-setup.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 600_000, fileParallelism: false } },
    ],
  },
});
