/**
 * Vite builds the web client (web-client/index.html) and the live GraphiQL page (web-client/graphiql.html)
 * into web-client/dist, which the server serves under `/` and at GET /graphql. `npm run dev` serves
 * both with hot reload and proxies /graphql (HTTP and WebSocket) and /auth to a server on port 4000.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web-client');
const api = process.env.LIVEDOC_API ?? 'http://localhost:4000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL's editor (Monaco) is large by nature; it loads only on the GraphiQL page.
    chunkSizeWarningLimit: 5_000,
    rolldownOptions: {
      input: {
        main: path.join(root, 'index.html'),
        graphiql: path.join(root, 'graphiql.html'),
      },
      onLog(level, log, handler) {
        // GraphiQL's modules start with React Compiler's "use no memo"; dropping it is harmless.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  optimizeDeps: {
    // CommonJS modules that GraphiQL's GraphQL worker imports. The dev server serves worker code as
    // plain ES modules, so they must be pre-bundled (the production build bundles them anyway).
    include: [
      'monaco-graphql > picomatch-browser',
      'monaco-graphql > graphql-language-service > nullthrows',
      'monaco-graphql > graphql-language-service > vscode-languageserver-types',
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      // Sign-in on development servers (POST /auth/dev-token).
      '/auth': { target: api, changeOrigin: true },
    },
  },
});
