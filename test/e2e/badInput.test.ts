import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { http, messageText, subscribeLive, wsClient, initMessage } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';

let t: TestServer;
let docId: string;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false, production: true });
  const created = await http(t.server.httpUrl, 'mutation { createDocument(input: { title: "Keep me", body: "safe" }) { id } }');
  docId = (created.body.data?.createDocument as { id: string }).id;
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  for (const s of sockets.splice(0)) s.terminate();
  // Whatever happened, the stored document is intact and the server still answers.
  const check = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { title body revision } }', { id: docId });
  expect(check.body.data).toEqual({ document: { title: 'Keep me', body: 'safe', revision: 1 } });
});

/** Opens a raw WebSocket speaking graphql-transport-ws and records how it closes. */
async function rawSocket(protocol = 'graphql-transport-ws') {
  const socket = new WebSocket(t.server.wsUrl, protocol);
  sockets.push(socket);
  const messages: unknown[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  socket.on('error', () => {}); // the close event carries what the test checks
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  return { socket, messages, closed: withTimeout(closed, 5_000, 'socket close') };
}
async function ackedSocket() {
  const raw = await rawSocket();
  raw.socket.send(await initMessage());
  await withTimeout(
    new Promise<void>((resolve) => raw.socket.once('message', () => resolve())),
    5_000,
    'connection_ack',
  );
  return raw;
}

/** Subscribes and returns the `error` payload (or the first `next` payload) for the operation. */
async function subscribeOnce(query: string, variables?: Record<string, unknown>) {
  const c = wsClient(t.server.wsUrl);
  clients.push(c);
  return withTimeout(
    new Promise<{ error?: unknown; next?: unknown }>((resolve) => {
      c.subscribe({ query, variables }, { next: (next) => resolve({ next }), error: (error) => resolve({ error }), complete: () => {} });
    }),
    5_000,
    'the operation result',
  );
}

describe('bad input over HTTP', () => {
  it('malformed GraphQL is a parse error, not a crash', async () => {
    const r = await http(t.server.httpUrl, 'query { document(id: "x") { title ');
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('unknown fields and wrong variable types are clear errors', async () => {
    const unknown = await http(t.server.httpUrl, '{ document(id: "x") { nope } }');
    expect(unknown.body.errors?.[0]?.message).toMatch(/Cannot query field "nope" on type "Document"/);
    const wrongType = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { id } }', { id: { bad: true } });
    expect(wrongType.body.errors?.[0]?.message).toMatch(/Variable "\$id" got invalid value/);
  });

  it('unknown ids: null for queries, NOT_FOUND for mutations', async () => {
    const q = await http(t.server.httpUrl, '{ document(id: "missing") { id } }');
    expect(q.body).toEqual({ data: { document: null } });
    const m = await http(t.server.httpUrl, 'mutation { updateDocument(id: "missing", input: { title: "x" }) { id } }');
    expect(m.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const s = await http(t.server.httpUrl, 'mutation { setRowValue(id: "missing", value: 1) { id } }');
    expect(s.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('over-long strings are BAD_USER_INPUT and nothing is written', async () => {
    const r = await http(t.server.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', {
      id: docId,
      t: 'x'.repeat(501),
    });
    expect(r.body.errors?.[0]).toMatchObject({
      message: 'title must be 1 to 500 characters long, but got 501.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const empty = await http(t.server.httpUrl, 'mutation { createDocument(input: { title: "" }) { id } }');
    expect(empty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('query limits reject deep or alias-heavy queries', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: documents { nodes { id } }`).join(' ');
    const r = await http(t.server.httpUrl, `{ ${aliases} }`);
    expect(r.body.errors?.[0]?.message).toMatch(/aliases/i);
  });
});

describe('bad input over graphql-ws', () => {
  it('a parse error comes back as an error message for that operation', async () => {
    const r = await subscribeOnce('query @live { document(id: "x") {');
    expect(r.error).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Syntax Error/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
    ]);
  });

  it('a parse error over graphql-ws leaves the same text a 400 over HTTP (one parse cache for both)', async () => {
    const text = 'query { documents { nodes { id ';
    expect((await subscribeOnce(text)).error).toBeDefined();
    const r = await http(t.server.httpUrl, text);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('@live on a mutation or subscription is a validation error', async () => {
    const r = await subscribeOnce('mutation @live { deleteDocument(id: "x") }');
    expect(r.error).toEqual([expect.objectContaining({ message: 'Directive "@live" may not be used on MUTATION.' })]);
  });

  it('a throttle out of range or a wrong variable type is an error result', async () => {
    const r = await subscribeOnce('query @live(throttle: -5) { documents { nodes { id } } }');
    expect(r.next).toEqual({
      errors: [expect.objectContaining({ message: expect.stringMatching(/throttle.*0 to 60000.*-5/), extensions: { code: 'BAD_USER_INPUT' } })],
    });
    const v = await subscribeOnce('query($id: ID!) @live { document(id: $id) { id } }', { id: [1, 2] });
    expect((v.next as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Variable "\$id" got invalid value/);
  });

  it('invalid graphql-ws messages close the socket with 4400', async () => {
    const notJson = await ackedSocket();
    notJson.socket.send('{not json');
    expect((await notJson.closed).code).toBe(4400);
    const badShape = await ackedSocket();
    badShape.socket.send(JSON.stringify({ type: 'subscribe', id: 42, payload: { query: '{ documents { nodes { id } } }' } }));
    expect((await badShape.closed).code).toBe(4400);
    const binary = await ackedSocket();
    binary.socket.send(Buffer.from([1, 2, 3]));
    expect((await binary.closed).code).toBe(4400);
  });

  it('subscribe before ack closes with 4401, a duplicate id with 4409, a second init with 4429', async () => {
    const early = await rawSocket();
    early.socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: '{ documents { nodes { id } } }' } }));
    expect((await early.closed).code).toBe(4401);

    const dup = await ackedSocket();
    const sub = { type: 'subscribe', id: 'same', payload: { query: 'query @live { documents { nodes { id } } }' } };
    dup.socket.send(JSON.stringify(sub));
    dup.socket.send(JSON.stringify(sub));
    expect((await dup.closed).code).toBe(4409);

    const twice = await ackedSocket();
    twice.socket.send(await initMessage());
    expect((await twice.closed).code).toBe(4429);
  });

  it('a wrong subprotocol is refused and an over-large message closes with 1009', async () => {
    // The server selects no subprotocol for the legacy 'graphql-ws' one, so the client aborts the handshake.
    const wrong = new WebSocket(t.server.wsUrl, 'graphql-ws');
    sockets.push(wrong);
    const refused = await withTimeout(
      new Promise<string>((resolve) => wrong.on('error', (error) => resolve(error.message))),
      5_000,
      'the handshake to fail',
    );
    expect(refused).toMatch(/no subprotocol/i);
    const big = await ackedSocket();
    big.socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: `{ documents { nodes { id } } } #${'x'.repeat(1_100_000)}` } }));
    expect((await big.closed).code).toBe(1009);
  });

  it('a misbehaving client does not disturb another client live on the same server', async () => {
    const c = wsClient(t.server.wsUrl);
    clients.push(c);
    const s = subscribeLive(c, 'query($id: ID!) @live { document(id: $id) { title } }', { id: docId });
    await s.next();
    const bad = await ackedSocket();
    bad.socket.send('garbage');
    expect((await bad.closed).code).toBe(4400);
    // Still live: a no-op write (same title) publishes nothing, a real change would; ask the server directly.
    const again = await subscribeOnce('query($id: ID!) { document(id: $id) { title } }', { id: docId });
    expect(again.next).toEqual({ data: { document: { title: 'Keep me' } } });
    expect(t.server.engine.stats().subscribers).toBe(1);
    s.dispose();
  });
});

describe('unexpected errors', () => {
  it('are masked in production (no message, no stack) and the server keeps serving', async () => {
    const own = await startTestServer({ seed: false, production: true });
    try {
      await own.store.close(); // every query now fails inside the driver
      const r = await http(own.server.httpUrl, '{ documents { nodes { id } } }');
      expect(r.body.errors).toEqual([
        expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ]);
      expect(JSON.stringify(r.body)).not.toMatch(/stack|closed|pglite/i);
      const c = wsClient(own.server.wsUrl);
      clients.push(c);
      const s = subscribeLive(c, 'query @live { documents { nodes { id } } }');
      const first = await s.next();
      expect(first).toMatchObject({ data: null, errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      expect(JSON.stringify(first)).not.toMatch(/unexpected"/);
      expect(JSON.stringify(first)).not.toMatch(/stack/i);
      s.dispose();
      expect((await fetch(own.server.httpUrl.replace('/graphql', '/healthz'))).status).toBe(200);
      expect((await fetch(own.server.httpUrl.replace('/graphql', '/readyz'))).status).toBe(503);
    } finally {
      await own.server.close();
      if (own.dataDir) await import('node:fs/promises').then((fs) => fs.rm(own.dataDir!, { recursive: true, force: true }));
    }
  });
});

describe('a client that does not read', () => {
  // The safety net over the slow-client watermark (test/e2e/slowClients.test.ts: pause and coalesce).
  it('is dropped once its unsent updates pass the hard cap, and the server is unaffected', async () => {
    const own = await startTestServer({ seed: false, maxBufferedBytes: 256 * 1024, slowClients: { watermarkBytes: 1024 * 1024 } });
    try {
      const created = await http(own.server.httpUrl, 'mutation { createDocument(input: { title: "Big" }) { id } }');
      const id = (created.body.data?.createDocument as { id: string }).id;
      const socket = new WebSocket(own.server.wsUrl, 'graphql-transport-ws');
      sockets.push(socket);
      const messages = createQueue<string>();
      socket.on('message', (data) => messages.push(messageText(data)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(await initMessage());
      expect(JSON.parse(await messages.take(5_000, 'connection_ack'))).toEqual({ type: 'connection_ack' });
      socket.send(JSON.stringify({ type: 'subscribe', id: 'slow', payload: { query: `query @live { document(id: "${id}") { body } }` } }));
      expect(JSON.parse(await messages.take(5_000, 'the first result'))).toMatchObject({ id: 'slow', payload: { revision: 1 } });
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      (socket as unknown as { _socket: { pause(): void } })._socket.pause(); // stop reading
      // Each update carries a fresh 100 KB body; the kernel buffers a few MB before the server's grow.
      let code: number | undefined;
      void closed.then((c) => (code = c));
      for (let i = 0; i < 400 && code === undefined; i++) {
        await http(own.server.httpUrl, 'mutation($id: ID!, $b: String!) { updateDocument(id: $id, input: { body: $b }) { id } }', {
          id,
          b: String(i % 10).repeat(100_000),
        });
      }
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
      // The server sends close 1008; reading again within the grace period, the client reads it.
      expect(await withTimeout(closed, 10_000, 'the slow socket to be closed')).toBe(1008);
      await waitFor(() => own.server.engine.stats().subscribers === 0, 5_000, 'the live query to end');
      const check = await http(own.server.httpUrl, 'query($id: ID!) { document(id: $id) { title } }', { id });
      expect(check.body.data).toEqual({ document: { title: 'Big' } });
    } finally {
      await own.dispose();
    }
  }, 60_000);
});
