/**
 * The physical floor of the fan-out benchmark: a raw `ws` server speaking just enough
 * graphql-transport-ws (connection_init → connection_ack, subscribe → one first `next`, ping → pong)
 * and answering the benchmark's mutations over HTTP POST with made-up ids. An update mutation
 * (updateDocument, setRowValue, addSection with `$value`) broadcasts ONE pre-serialized `next` — a
 * one-op patch carrying the value, padded to the size set with `POST /floor/config {messageBytes}` —
 * to every socket watching the target. No GraphQL execution, no diff, no per-socket serialization.
 * Prints `ws://127.0.0.1:PORT/graphql` once listening.
 *
 *   PORT=0 node --import tsx bench/peers/raw-broadcast/server.ts
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BroadcastRegistry } from './broadcastRegistry.js';

/** A GraphQL-over-HTTP request body, as far as the floor reads it. */
interface RequestBody {
  query?: string;
  variables?: Record<string, unknown>;
}

/** A graphql-transport-ws message from a client. */
interface ClientMessage {
  type?: string;
  id?: string;
  payload?: { variables?: { id?: unknown } };
}

const registry = new BroadcastRegistry();
/** Row id → dataset id, so setRowValue reaches the dataset's watchers. */
const rowDataset = new Map<string, string>();

/** The root fields of the benchmark's mutations, with an optional alias. */
const FIELD_PATTERN = /(?:(\w+)\s*:\s*)?\b(createDocument|addSection|createDataset|upsertRows|updateDocument|setRowValue)\s*\(/g;

/** The variables of an updateDocument's id and title, right after its opening parenthesis. */
const UPDATE_ARGS = /\s*id:\s*\$(\w+)\s*,\s*input:\s*\{\s*title:\s*\$(\w+)/y;

/** A GraphQL ID variable as text ('' when absent or not an ID). */
function idText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Answers one mutation request: made-up ids, and a broadcast for updates. */
function mutate(body: RequestBody): Record<string, unknown> {
  const variables = body.variables ?? {};
  const target = idText(variables.id);
  const data: Record<string, unknown> = {};
  FIELD_PATTERN.lastIndex = 0;
  for (let match = FIELD_PATTERN.exec(body.query ?? ''); match; match = FIELD_PATTERN.exec(body.query ?? '')) {
    const field = match[2]!;
    const key = match[1] ?? field;
    switch (field) {
      case 'upsertRows': {
        const rows = Array.isArray(variables.rows) ? variables.rows : [];
        data[key] = rows.map(() => {
          const id = randomUUID();
          rowDataset.set(id, target);
          return { id };
        });
        break;
      }
      case 'updateDocument': {
        // An alias of a batched request names its own variables: `(id: $id3, input: { title: $v3 })`.
        UPDATE_ARGS.lastIndex = FIELD_PATTERN.lastIndex;
        const own = UPDATE_ARGS.exec(body.query ?? '');
        const id = own ? idText(variables[own[1]!]) : target;
        registry.broadcast(id, [{ op: 'replace', path: '/document/title', value: own ? variables[own[2]!] : variables.value }]);
        data[key] = { id };
        break;
      }
      case 'setRowValue':
        registry.broadcast(rowDataset.get(target) ?? '', [{ op: 'replace', path: '/dataset/rows/0/value', value: variables.value }]);
        data[key] = { id: target };
        break;
      case 'addSection': {
        const id = randomUUID();
        if (variables.value !== undefined) {
          registry.broadcast(target, [{ op: 'add', path: '/document/sections/0', value: { id, heading: variables.value } }]);
        }
        data[key] = { id };
        break;
      }
      default:
        data[key] = { id: randomUUID() };
    }
  }
  return data;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return sendJson(res, 404, { error: 'Not found' });
  readBody(req)
    .then((text) => {
      const body = JSON.parse(text) as RequestBody & { messageBytes?: number };
      if (req.url === '/floor/config') {
        registry.messageBytes = Number(body.messageBytes) || 0;
        return sendJson(res, 200, { messageBytes: registry.messageBytes });
      }
      if (req.url !== '/graphql') return sendJson(res, 404, { error: 'Not found' });
      sendJson(res, 200, { data: mutate(body) });
    })
    .catch((error: unknown) => sendJson(res, 400, { errors: [{ message: String(error) }] }));
});

const wss = new WebSocketServer({
  server,
  path: '/graphql',
  handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false),
});

wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
  registry.streams.set(socket, request.socket);
  socket.on('message', (data: Buffer) => {
    let message: ClientMessage;
    try {
      message = JSON.parse(data.toString('utf8')) as ClientMessage;
    } catch {
      return socket.close(4400, 'Invalid message');
    }
    switch (message.type) {
      case 'connection_init':
        return socket.send('{"type":"connection_ack"}');
      case 'ping':
        return socket.send('{"type":"pong"}');
      case 'subscribe': {
        const id = String(message.id);
        registry.add(socket, idText(message.payload?.variables?.id), id);
        return socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":{"data":{},"revision":1}}`);
      }
      case 'complete':
        return registry.remove(socket, String(message.id));
    }
  });
  socket.on('close', () => registry.remove(socket));
  socket.on('error', () => socket.terminate());
});

server.listen(Number(process.env.PORT ?? 4200), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`raw-broadcast floor serving ws://127.0.0.1:${port}/graphql`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
