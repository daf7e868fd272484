import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs) and CJS without an exports map: Vite would pick the .mjs build for
    // our code while Node loads the CJS one for yoga and graphql-ws — two realms. Use Node's choice.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Real sockets and databases: keep files in separate workers but do not oversubscribe 2 cores.
    maxWorkers: 2,
    setupFiles: ['test/setup/strict.ts'],
  },
});
