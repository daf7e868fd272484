/**
 * Follows a document live and prints every change:
 *
 *   npx tsx examples/node-client/main.ts [ws://localhost:4000/graphql] [welcome]
 *
 * Edit the document in the web client or GraphiQL and watch the lines appear. Ctrl-C stops. With
 * LIVEDOC_TOKEN=<jwt> in the environment it watches as that viewer (private documents shared with
 * them too); without it, anonymously (PUBLIC documents only).
 */
import { WebSocket } from 'ws';
import { watchDocument } from './watchDocument.js';

const [url = 'ws://localhost:4000/graphql', id = 'welcome'] = process.argv.slice(2);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

watchDocument({
  url,
  id,
  webSocketImpl: WebSocket,
  signal: controller.signal,
  getToken: () => process.env.LIVEDOC_TOKEN?.trim() || undefined,
  onUpdate: (line) => console.log(line),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
