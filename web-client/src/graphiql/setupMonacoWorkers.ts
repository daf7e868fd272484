/**
 * Tells Monaco (GraphiQL's editor) how to start its web workers. Done in our own source rather than
 * with `graphiql/setup-workers/vite`: Vite handles `?worker` imports in app code, but its dependency
 * pre-bundler cannot process them inside node_modules, which breaks `npm run dev`.
 */
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

Object.assign(globalThis, {
  MonacoEnvironment: {
    getWorker(_workerId: string, label: string): Worker {
      if (label === 'graphql') return new GraphQLWorker();
      if (label === 'json') return new JsonWorker();
      return new EditorWorker();
    },
  },
});
