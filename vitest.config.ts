import { defineConfig } from 'vitest/config';

// Integration tests open real libSQL files and real HTTP servers; two forks keep the 2-core
// CI machine busy without starving the servers the tests start.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser and static-serving tests load the built ui/ and extension/: build them once per run,
    // only when dist/ is missing or older than their sources.
    globalSetup: ['test/helpers/build-once.ts'],
  },
});
