import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Real sockets and databases: keep files in separate workers but do not oversubscribe 2 cores.
    maxWorkers: 2,
    setupFiles: ['test/setup/strict.ts'],
  },
});
