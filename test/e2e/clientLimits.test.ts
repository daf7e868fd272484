/**
 * Per-client limits over real sockets: live queries per socket, sockets per address (anonymous),
 * mutations per viewer. Clients on other loopback addresses (127.0.0.x) and other viewers stand for
 * neighbours.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { authorizationOf, initMessage, messageText, TEST_VIEWER } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';

const RATE = 2;
const BURST = 5;

let t: TestServer;
let docId: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false, limits: { mutationRate: RATE, mutationBurst: BURST } });
  // Made through the store: the mutations allowed per viewer are few here. Public, so that anonymous
  // sockets watch it; ann, bob and cy may edit it.
  docId = (await t.store.createDocument({ title: 'Limited', body: '', tags: [], visibility: 'PUBLIC' }, TEST_VIEWER)).id;
  for (const viewer of ['ann', 'bob', 'cy']) await t.store.share('document', docId, viewer, 'EDITOR');
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await waitFor(() => t.server.engine.stats().subscribers === 0, 5_000, 'every live query to end');
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POSTs a GraphQL request from `localAddress` (a loopback address: a client of its own) as viewer `as` (default the test viewer). */
async function post(
  localAddress: string,
  request: string | { query: string; variables: Record<string, unknown> },
  headers: Record<string, string> = {},
  as?: string,
): Promise<Answer> {
  const body = JSON.stringify(typeof request === 'string' ? { query: request } : request);
  const url = new URL(t.server.httpUrl);
  const authorization = await authorizationOf({ as });
  if (authorization) headers = { authorization, ...headers };
  return withTimeout(
    new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          localAddress,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: res.headers['retry-after'],
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'],
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    }),
    5_000,
    'the HTTP answer',
  );
}

type Message = { id?: string; type: string; payload?: unknown };

/** A raw graphql-ws socket from `localAddress`: its messages queued; `ack()` does the handshake. */
async function openSocket(localAddress = '127.0.0.1', as: string | null = null) {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws', { localAddress });
  sockets.push(socket);
  const messages = createQueue<Message>();
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data)) as Message));
  socket.on('error', () => {});
  let closedWith: number | undefined;
  const closed = new Promise<number>((resolve) =>
    socket.on('close', (code) => {
      closedWith = code;
      resolve(code);
    }),
  );
  await withTimeout(new Promise((resolve) => socket.once('open', resolve)), 5_000, 'the socket to open');
  return {
    socket,
    messages,
    closed,
    closedWith: () => closedWith,
    init: async () => socket.send(await initMessage({ as })),
    subscribe: (id: string, query: string) => socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query } })),
  };
}

async function ackedSocket(localAddress = '127.0.0.1', as: string | null = null) {
  const s = await openSocket(localAddress, as);
  await s.init();
  expect(await s.messages.take(5_000, 'connection_ack')).toEqual({ type: 'connection_ack' });
  return s;
}

const postAs = post;
const LIVE = () => `query @live { document(id: "${docId}") { title } }`;
/** One text with variables: its first request goes through yoga, the later ones through the fast path. */
const retitle = (title: string) => ({
  query: 'mutation($id: ID!, $title: String!) { updateDocument(id: $id, input: { title: $title }) { id } }',
  variables: { id: docId, title },
});

describe('live queries per socket', () => {
  it('the 201st live subscribe gets an error; the first 200 keep receiving updates; completing one frees a slot', async () => {
    const s = await ackedSocket();
    for (let i = 1; i <= 200; i++) s.subscribe(`q${i}`, LIVE());
    for (let i = 1; i <= 200; i++) expect(await s.messages.take(5_000, `first result ${i}`)).toMatchObject({ type: 'next', payload: { revision: 1 } });
    s.subscribe('q201', LIVE());
    const refused = await s.messages.take(5_000, 'the refusal');
    expect(refused).toEqual({
      id: 'q201',
      type: 'error',
      payload: [
        {
          message: 'Too many live queries on this socket: at most 200; complete one to start another.',
          extensions: { code: 'LIMIT_EXCEEDED', limit: 200 },
        },
      ],
    });
    expect(t.server.engine.stats().subscribers).toBe(200);

    await post('127.0.0.9', retitle('Still live'));
    const ids = new Set<string>();
    for (let i = 1; i <= 200; i++) {
      const update = await s.messages.take(5_000, `update ${i}`);
      expect(update).toMatchObject({ type: 'next', payload: { revision: 2 } });
      ids.add(update.id ?? '');
    }
    expect(ids.size).toBe(200);

    s.socket.send(JSON.stringify({ id: 'q1', type: 'complete' }));
    s.subscribe('q201', LIVE());
    expect(await s.messages.take(5_000, 'q201 admitted')).toMatchObject({ id: 'q201', type: 'next', payload: { revision: 1 } });
    expect(s.closedWith()).toBeUndefined();
  });
});

describe('sockets per address', () => {
  it('the 51st socket from one address is closed 4029 at connection_init; the 50 others and other addresses live on', async () => {
    const first = await ackedSocket('127.0.0.5');
    first.subscribe('live', LIVE());
    expect(await first.messages.take(5_000, 'the first result')).toMatchObject({ id: 'live', type: 'next' });
    const others = await Promise.all(Array.from({ length: 49 }, () => ackedSocket('127.0.0.5')));
    const over = await openSocket('127.0.0.5');
    await over.init();
    expect(await withTimeout(over.closed, 5_000, 'the 4029 close')).toBe(4029);
    expect(over.messages.pending).toEqual([]);

    const neighbour = await ackedSocket('127.0.0.6');
    await post('127.0.0.9', retitle('After the refusal'));
    expect(await first.messages.take(5_000, 'the patch')).toMatchObject({ id: 'live', type: 'next', payload: { revision: 2 } });
    for (const s of [first, ...others, neighbour]) expect(s.closedWith()).toBeUndefined();

    // A closed socket frees its place.
    others[0]?.socket.close();
    await waitFor(() => others[0]?.closedWith() !== undefined, 5_000, 'the close');
    await waitFor(async () => {
      const again = await openSocket('127.0.0.5');
      await again.init();
      const reply = await Promise.race([again.messages.take(2_000, 'connection_ack').catch(() => undefined), again.closed]);
      return typeof reply === 'object' && reply.type === 'connection_ack';
    }, 5_000, 'a socket admitted again');
  });
});

describe('mutations per viewer', () => {
  it('after the burst the next mutation is RATE_LIMITED with retryAfterMs; after that wait it succeeds; a neighbour is unaffected', async () => {
    const client = '127.0.0.7';
    const post = (address: string, request: Parameters<typeof postAs>[1], headers: Record<string, string> = {}) =>
      postAs(address, request, headers, address === client ? 'ann' : 'bob');
    // The first request of a text goes through yoga, the next ones through the fast path: both count.
    for (let i = 0; i < BURST; i++) expect((await post(client, retitle(`burst ${i}`))).status).toBe(200);
    const refused = await post(client, retitle('one too many'));
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    const error = refused.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    const retryAfterMs = error?.extensions?.retryAfterMs as number;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1000 / RATE);
    expect(refused.retryAfter).toBe(String(Math.ceil(retryAfterMs / 1000)));
    expect(refused.body.errors).toEqual([{ message: `Too many mutations: try again in ${retryAfterMs} ms.`, extensions: { code: 'RATE_LIMITED', retryAfterMs } }]);

    // Refused through yoga too (a cross-origin request from an allowed page), and nothing was written.
    const viaYoga = await post(client, retitle('one too many'), { origin: 'http://localhost:5173' });
    expect(viaYoga.status).toBe(429);
    expect(viaYoga.retryAfter).toBe('1');
    expect(viaYoga.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });
    expect((await post(client, `{ document(id: "${docId}") { title } }`)).body.data).toEqual({ document: { title: 'burst 4' } });

    expect((await post('127.0.0.8', retitle('neighbour'))).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    const after = await post(client, retitle('after the wait'));
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
  });

  it('each aliased field counts; over graphql-ws a refused mutation gets next and complete, the socket lives on', async () => {
    const s = await ackedSocket('127.0.0.10', 'cy');
    s.subscribe('live', LIVE());
    expect(await s.messages.take(5_000, 'the first result')).toMatchObject({ id: 'live', type: 'next' });
    const aliased = (n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `m${i}: updateDocument(id: "${docId}", input: { title: "ws ${n}" }) { id }`).join(' ')} }`;
    s.subscribe('burst', aliased(BURST));
    const messages: Message[] = [];
    // The result of the burst, its completion, and the live query's patch, in any order.
    for (let i = 0; i < 3; i++) messages.push(await s.messages.take(5_000, 'the burst answers'));
    expect(messages).toContainEqual({ id: 'burst', type: 'complete' });
    expect(messages).toContainEqual(expect.objectContaining({ id: 'burst', type: 'next', payload: { data: expect.any(Object) } }));
    expect(messages).toContainEqual(expect.objectContaining({ id: 'live', type: 'next' }));

    s.subscribe('over', aliased(1));
    const next = await s.messages.take(5_000, 'the refusal');
    expect(next).toMatchObject({ id: 'over', type: 'next', payload: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });
    expect(JSON.stringify(next)).not.toMatch(/"http"/);
    expect(await s.messages.take(5_000, 'complete')).toEqual({ id: 'over', type: 'complete' });

    await post('127.0.0.9', retitle('From a neighbour'));
    expect(await s.messages.take(5_000, 'the patch')).toMatchObject({ id: 'live', type: 'next' });
    expect(s.closedWith()).toBeUndefined();
  });
});
