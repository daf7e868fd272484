import net from 'node:net';
import type { Client as WsClient } from 'graphql-ws';
import { createClient, type Client as SseClient } from 'graphql-sse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveResult } from '../../server/live/liveResult.js';
import { signTestToken } from '../support/auth.js';
import { authorizationOf, mutate, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { readEventStream, type EventStreamReader, type StreamEvent } from '../support/eventStreamReader.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';
import { withToken } from '../support/resumeToken.js';

let t: TestServer;
const readers: EventStreamReader[] = [];
const sseClients: SseClient[] = [];
const wsClients: WsClient[] = [];
const wsSubscriptions: LiveSubscription[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.cancel()));
  for (const c of sseClients.splice(0)) c.dispose();
  for (const s of wsSubscriptions.splice(0)) s.dispose();
  await Promise.all(wsClients.splice(0).map((c) => c.dispose()));
  // Every stream that went away left its group, keys and timers.
  await waitFor(() => t.server.engine.stats().groups === 0, 3_000, 'all live groups released');
  expect(t.server.engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0, pendingTimers: 0 });
});

const DOC = 'query Doc($id: ID!) @live { document(id: $id) { id title } }';

async function createDocument(title: string): Promise<string> {
  const data = await mutate(
    t.server.httpUrl,
    'mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }',
    {
      input: { title, body: '', tags: [] },
    },
  );
  return (data.createDocument as { id: string }).id;
}

async function rename(id: string, title: string): Promise<void> {
  await mutate(
    t.server.httpUrl,
    'mutation($id: ID!, $title: String!) { updateDocument(id: $id, input: { title: $title }) { id } }',
    { id, title },
  );
}

/** POSTs with `accept: text/event-stream`, as the README's curl does, signed in as the tests' viewer. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...(await signedIn()), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The `authorization` header of the tests' viewer. */
async function signedIn(): Promise<Record<string, string>> {
  return { authorization: (await authorizationOf()) ?? '' };
}

/** A graphql-sse client in distinct connections mode, signed in as the tests' viewer, failing fast. */
function sseClient(url: string): SseClient {
  const client = createClient({ url, singleConnection: false, retryAttempts: 0, headers: signedIn });
  sseClients.push(client);
  return client;
}

/** Opens a stream and reads it; the reader is cancelled after the test. */
function reading(response: Response): EventStreamReader {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = readEventStream(response);
  readers.push(reader);
  return reader;
}

function dataOf(event: StreamEvent | 'end'): unknown {
  if (event === 'end' || event.data === undefined)
    throw new Error(`Expected an event with data, but got ${JSON.stringify(event)}.`);
  return JSON.parse(event.data);
}

describe('live queries over SSE (distinct connections mode)', () => {
  it('streams the first result, then a patch per change, to the graphql-sse client', async () => {
    const id = await createDocument('First');
    const client = sseClient(t.server.httpUrl);
    const results = createQueue<LiveResult>();
    const ended = createQueue<string>();
    client.subscribe<unknown>(
      { query: DOC, variables: { id } },
      {
        next: (value) => results.push(value as unknown as LiveResult),
        error: (error) => ended.push(`error: ${String(error)}`),
        complete: () => ended.push('complete'),
      },
    );
    expect(await results.take()).toEqual(withToken({ data: { document: { id, title: 'First' } }, revision: 1 }));
    await rename(id, 'Second');
    expect(await results.take()).toEqual(
      withToken({ patch: [{ op: 'replace', path: '/document/title', value: 'Second' }], revision: 2 }),
    );
    expect(ended.pending).toEqual([]);
  });

  it('answers the README curl: POST with accept text/event-stream, first result then a patch, ids = revisions', async () => {
    const response = await post(t.server.httpUrl, { query: 'query @live { document(id:"welcome") { title } }' });
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const stream = reading(response);
    const first = await stream.nextEvent('the first result');
    expect(first).toMatchObject({ event: 'next', id: '1' });
    const { title } = (dataOf(first) as { data: { document: { title: string } } }).data.document;
    await mutate(t.server.httpUrl, 'mutation { updateDocument(id: "welcome", input: { title: "Over SSE" }) { id } }');
    const patch = await stream.nextEvent('the patch');
    expect(patch).toMatchObject({ event: 'next', id: '2' });
    expect(dataOf(patch)).toEqual(withToken({ patch: [{ op: 'replace', path: '/document/title', value: 'Over SSE' }], revision: 2 }));
    await mutate(
      t.server.httpUrl,
      'mutation($t: String!) { updateDocument(id: "welcome", input: { title: $t }) { id } }',
      { t: title },
    );
    expect(await stream.nextEvent('the patch back')).toMatchObject({ event: 'next', id: '3' });
  });

  it('serves GET with query parameters, as an EventSource sends them', async () => {
    const id = await createDocument('Get');
    const search = new URLSearchParams({ query: DOC, variables: JSON.stringify({ id }), operationName: 'Doc' });
    const headers = { accept: 'text/event-stream', ...(await signedIn()) };
    const stream = reading(await fetch(`${t.server.httpUrl}?${search}`, { headers }));
    expect(dataOf(await stream.nextEvent())).toEqual(withToken({ data: { document: { id, title: 'Get' } }, revision: 1 }));
    await rename(id, 'Got');
    expect(dataOf(await stream.nextEvent())).toMatchObject({ revision: 2 });
  });

  it('puts a WebSocket watcher and an SSE watcher of one query in one group', async () => {
    const id = await createDocument('Shared');
    const ws = wsClient(t.server.wsUrl);
    wsClients.push(ws);
    const viaWs = subscribeLive(ws, DOC, { id });
    wsSubscriptions.push(viaWs);
    await viaWs.next();
    const viaSse = reading(await post(t.server.httpUrl, { query: DOC, variables: { id } }));
    expect(dataOf(await viaSse.nextEvent())).toEqual(withToken({ data: { document: { id, title: 'Shared' } }, revision: 1 }));
    expect(t.server.engine.stats()).toMatchObject({ groups: 1, subscribers: 2 });
    await rename(id, 'Both');
    const patch = withToken({ patch: [{ op: 'replace', path: '/document/title', value: 'Both' }], revision: 2 });
    expect(await viaWs.next()).toEqual(patch);
    expect(dataOf(await viaSse.nextEvent())).toEqual(patch);
    expect(t.server.engine.stats().executions).toBeGreaterThan(0);
  });

  it('unsubscribes from the engine when the client goes away', async () => {
    const id = await createDocument('Leaving');
    const controller = new AbortController();
    const response = await fetch(t.server.httpUrl, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...(await signedIn()) },
      body: JSON.stringify({ query: DOC, variables: { id } }),
      signal: controller.signal,
    });
    const stream = readEventStream(response);
    await stream.nextEvent();
    expect(t.server.engine.stats().subscribers).toBe(1);
    controller.abort();
    await waitFor(() => t.server.engine.stats().subscribers === 0, 3_000, 'the subscriber to leave');
    await waitFor(() => t.server.engine.stats().groups === 0, 3_000, 'the group to be released');
  });

  it('answers a query that is not live with next, then complete', async () => {
    const stream = reading(await post(t.server.httpUrl, { query: '{ document(id: "welcome") { id } }' }));
    const next = await stream.nextEvent();
    expect(next).toMatchObject({ event: 'next', id: '1' });
    expect(dataOf(next)).toEqual({ data: { document: { id: 'welcome' } } });
    expect(await stream.nextEvent()).toEqual({ event: 'complete', id: '1', data: '' });
    expect(await stream.next()).toBe('end');
  });

  it('runs a mutation over POST as next, then complete', async () => {
    const id = await createDocument('Mutated');
    const stream = reading(
      await post(t.server.httpUrl, {
        query: `mutation { updateDocument(id: "${id}", input: { title: "Via SSE" }) { title } }`,
      }),
    );
    expect(dataOf(await stream.nextEvent())).toEqual({ data: { updateDocument: { title: 'Via SSE' } } });
    expect(await stream.nextEvent()).toMatchObject({ event: 'complete' });
  });

  it('leaves requests that prefer JSON to GraphQL over HTTP', async () => {
    const response = await post(
      t.server.httpUrl,
      { query: '{ document(id: "welcome") { id } }' },
      { accept: 'application/json, text/event-stream' },
    );
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ data: { document: { id: 'welcome' } } });
  });
});

describe('requests refused before the stream starts', () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    ['a body that is not JSON', () => post(t.server.httpUrl, '{"query":'), 400, 'BAD_REQUEST'],
    ['a body without a query', () => post(t.server.httpUrl, { variables: {} }), 400, 'BAD_REQUEST'],
    [
      'a body that is not application/json',
      () => post(t.server.httpUrl, '{}', { 'content-type': 'text/plain' }),
      415,
      'BAD_REQUEST',
    ],
    ['a syntax error', () => post(t.server.httpUrl, { query: 'query @live { document(' }), 400, 'GRAPHQL_PARSE_FAILED'],
    [
      'an unknown field',
      () => post(t.server.httpUrl, { query: 'query @live { nope }' }),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a query over the alias limit',
      () => post(t.server.httpUrl, { query: `query @live { ${aliases(31)} }` }),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a query text over its size limit',
      () => post(t.server.httpUrl, { query: `{ ${' '.repeat(100_001)} }` }),
      413,
      'QUERY_TOO_LARGE',
    ],
    [
      'a body over its size limit',
      () => post(t.server.httpUrl, { query: '{ x }', pad: 'x'.repeat(1024 * 1024) }),
      413,
      'REQUEST_ENTITY_TOO_LARGE',
    ],
    ['a live query without its variable', () => post(t.server.httpUrl, { query: DOC }), 400, ''],
    ['variables that are not JSON over GET', () => get({ query: DOC, variables: '{id' }), 400, 'BAD_REQUEST'],
    [
      'a bad throttle',
      () => post(t.server.httpUrl, { query: 'query @live(throttle: -1) { documents { nodes { id } } }' }),
      400,
      '',
    ],
    [
      'a query that is not live, without its variable',
      () => post(t.server.httpUrl, { query: 'query($id: ID!) { document(id: $id) { id } }' }),
      400,
      '',
    ],
    ['a mutation over GET', () => get({ query: 'mutation { deleteDocument(id: "welcome") }' }), 405, 'BAD_REQUEST'],
  ];

  it.each(cases)('answers %s with its status and GraphQL errors as JSON', async (_what, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as {
      errors: { message: string; extensions?: { code?: string; http?: unknown } }[];
    };
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0]?.message).toEqual(expect.any(String));
    if (code) expect(body.errors[0]?.extensions?.code).toBe(code);
    expect(body.errors[0]?.extensions?.http).toBeUndefined();
    if (status === 405) expect(response.headers.get('allow')).toBe('POST');
    expect(t.server.engine.stats().subscribers).toBe(0);
  });

  it('lets the graphql-sse client report a refused request as an error', async () => {
    const client = sseClient(t.server.httpUrl);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'query @live { nope }' },
        { next: resolve, error: resolve, complete: () => resolve('complete') },
      );
    });
    expect(outcome).toMatchObject({ response: { status: 400 } });
  });
});

describe('who may open a stream', () => {
  it('refuses a bad token with 401 UNAUTHENTICATED before the stream', async () => {
    const response = await post(
      t.server.httpUrl,
      { query: DOC, variables: { id: 'welcome' } },
      { authorization: 'Bearer not.a.token' },
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('reads as the signed-in viewer, and as anonymous without a token', async () => {
    const id = await createDocument('Private');
    const query = { query: DOC, variables: { id } };
    const mine = reading(await post(t.server.httpUrl, query));
    expect(dataOf(await mine.nextEvent())).toEqual(withToken({ data: { document: { id, title: 'Private' } }, revision: 1 }));
    const anonymous = reading(await post(t.server.httpUrl, query, { authorization: '' }));
    expect(dataOf(await anonymous.nextEvent())).toMatchObject({ data: { document: null }, revision: 1 });
  });

  it('ends the stream when the token expires, without complete', async () => {
    const token = await signTestToken('system', { expiresInSeconds: 1 });
    const stream = reading(
      await post(t.server.httpUrl, { query: DOC, variables: { id: 'welcome' } }, { authorization: `Bearer ${token}` }),
    );
    expect(await stream.nextEvent()).toMatchObject({ event: 'next', id: '1' });
    expect(await stream.nextEvent('the end at expiry', 5_000)).toBe('end');
    await waitFor(() => t.server.engine.stats().subscribers === 0, 3_000, 'the expired subscriber to leave');
  });

  it('refuses pages of other origins (403) and gives allowed ones their CORS headers', async () => {
    const query = { query: '{ document(id: "welcome") { id } }' };
    const refused = await post(t.server.httpUrl, query, { origin: 'http://elsewhere.example' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN_ORIGIN' } }] });
    // A development server allows pages on localhost (the Vite dev server), with credentials.
    const allowed = await post(t.server.httpUrl, query, { origin: 'http://localhost:5173' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const stream = reading(allowed);
    expect(await stream.nextEvent()).toMatchObject({ event: 'next' });
  });
});

function aliases(count: number): string {
  return Array.from({ length: count }, (_, i) => `a${i}: documents { nodes { id } }`).join(' ');
}

function get(params: Record<string, string>): Promise<Response> {
  return fetch(`${t.server.httpUrl}?${new URLSearchParams(params)}`, { headers: { accept: 'text/event-stream' } });
}

describe('stream lifecycle', () => {
  let u: TestServer;
  beforeAll(async () => {
    // Many quick writes (the slow reader's), and few streams per client (the quota).
    const limits = { mutationRate: 100_000, mutationBurst: 100_000, maxSocketsPerViewer: 3 };
    u = await startTestServer({ seed: false, keepAliveMs: 50, maxBufferedBytes: 64 * 1024, limits });
  });
  afterAll(async () => {
    await u.dispose();
  });

  async function createOn(server: TestServer, title: string): Promise<string> {
    const data = await mutate(
      server.server.httpUrl,
      'mutation($t: String!) { createDocument(input: { title: $t, body: "" }) { id } }',
      { t: title },
    );
    return (data.createDocument as { id: string }).id;
  }

  it('sends heartbeat comments on an idle stream', async () => {
    const id = await createOn(u, 'Idle');
    const stream = reading(await post(u.server.httpUrl, { query: DOC, variables: { id } }));
    expect(await stream.next()).toMatchObject({ event: 'next', id: '1' });
    expect(await stream.next('a heartbeat', 2_000)).toEqual({ comment: true });
    expect(await stream.next('another heartbeat', 2_000)).toEqual({ comment: true });
  });

  it('cuts off a client that does not read, and unsubscribes it', async () => {
    const id = await createOn(u, 'Slow');
    const { port } = u.server;
    const body = JSON.stringify({ query: 'query($id: ID!) @live { document(id: $id) { body } }', variables: { id } });
    const socket = net.connect(port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => {}); // the server cuts the connection: that is what is tested
    const { authorization } = await signedIn();
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\naccept: text/event-stream\r\ncontent-type: application/json\r\n` +
        `authorization: ${authorization}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await waitFor(() => u.server.engine.stats().subscribers === 1, 5_000, 'the slow client to subscribe');
    socket.pause(); // reads nothing from now on: kernel buffers fill, then the server's
    // Each update is ~90 KB; bounded by the count of updates, not by time.
    for (let i = 0; i < 400 && u.server.engine.stats().subscribers > 0; i++) {
      const text = `${i} `.padEnd(90_000, String.fromCharCode(97 + (i % 26)));
      await mutate(
        u.server.httpUrl,
        'mutation($id: ID!, $b: String!) { updateDocument(id: $id, input: { body: $b }) { id } }',
        { id, b: text },
      );
    }
    await waitFor(() => u.server.engine.stats().subscribers === 0, 5_000, 'the slow client to be cut off');
    socket.resume();
    await withTimeout(closed, 5_000, 'the slow connection to close');
  });

  it('refuses a client more open streams than its quota (429), and accepts again once one ends', async () => {
    const id = await createOn(u, 'Quota');
    const open = async () => post(u.server.httpUrl, { query: DOC, variables: { id } });
    const streams = [reading(await open()), reading(await open()), reading(await open())];
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'TOO_MANY_STREAMS' } }] });
    await streams[0]?.cancel();
    await waitFor(() => u.server.engine.stats().subscribers === 2, 3_000, 'one stream to end');
    const again = reading(await open());
    expect(await again.nextEvent()).toMatchObject({ event: 'next', id: '1' });
  });

  it('completes every stream on server close, and close does not wait for them', async () => {
    const id = await createOn(u, 'Closing');
    const raw = reading(await post(u.server.httpUrl, { query: DOC, variables: { id } }));
    await raw.nextEvent();
    const client = sseClient(u.server.httpUrl);
    const events = createQueue<string>();
    client.subscribe(
      { query: DOC, variables: { id } },
      {
        next: () => events.push('next'),
        error: (e) => events.push(`error ${String(e)}`),
        complete: () => events.push('complete'),
      },
    );
    expect(await events.take()).toBe('next');
    await withTimeout(u.server.close(), 5_000, 'server close');
    expect(await raw.nextEvent('complete')).toEqual({ event: 'complete', id: '1', data: '' });
    expect(await raw.next('the end of the stream')).toBe('end');
    expect(await events.take(5_000, 'the client to complete')).toBe('complete');
    expect(u.server.engine.stats().subscribers).toBe(0);
  });
});
