/**
 * Transport hardening over real sockets: cross-site forms and CORS, WebSocket origins, GraphiQL and
 * introspection by mode, the WebSocket message size.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { http, messageText } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, withTimeout } from '../support/waitFor.js';

let dev: TestServer;
let prod: TestServer;
let optIn: TestServer;
let docId: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  [dev, prod, optIn] = await Promise.all([
    startTestServer({ seed: false }),
    startTestServer({ seed: false, production: true, limits: { allowedOrigins: ['https://app.example'] } }),
    startTestServer({ seed: false, production: true, limits: { graphiql: true, introspection: true } }),
  ]);
  const created = await http(dev.server.httpUrl, 'mutation { createDocument(input: { title: "Keep me" }) { id } }');
  docId = (created.body.data?.createDocument as { id: string }).id;
});
afterAll(async () => {
  await Promise.all([dev.dispose(), prod.dispose(), optIn.dispose()]);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.terminate();
});

const DELETE = (id: string) => `mutation { deleteDocument(id: "${id}") }`;
const introspection = '{ __schema { queryType { name } } }';

async function documentTitle(t: TestServer, id: string): Promise<unknown> {
  const r = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { title } }', { id });
  return r.body.data?.document;
}

/** Opens a socket with `origin` (none when undefined): resolves 'open', or the refused upgrade's status. */
function upgrade(t: TestServer, origin: string | undefined): Promise<'open' | number> {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws', origin === undefined ? {} : { origin });
  sockets.push(socket);
  socket.on('error', () => {});
  return withTimeout(
    new Promise((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    }),
    5_000,
    `the upgrade from ${origin}`,
  );
}

/** A socket through the handshake, its messages queued. */
async function ackedSocket(t: TestServer) {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
  sockets.push(socket);
  const messages = createQueue<{ id?: string; type: string; payload?: unknown }>();
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data)) as { type: string }));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  expect(await messages.take(5_000, 'connection_ack')).toEqual({ type: 'connection_ack' });
  const subscribe = (id: string, query: string) => socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query } }));
  return { socket, messages, subscribe, closed };
}

describe('cross-site forms', () => {
  const forms: Record<string, () => { body: BodyInit; headers: Record<string, string> }> = {
    urlencoded: () => ({
      body: new URLSearchParams({ query: DELETE(docId) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }),
    multipart: () => {
      const form = new FormData();
      form.set('query', DELETE(docId));
      return { body: form, headers: {} };
    },
    'text/plain': () => ({ body: JSON.stringify({ query: DELETE(docId) }), headers: { 'content-type': 'text/plain' } }),
    'no content type': () => ({ body: new Blob([JSON.stringify({ query: DELETE(docId) })]), headers: {} }),
  };
  for (const [name, make] of Object.entries(forms)) {
    it(`a ${name} POST is refused with 415 and writes nothing`, async () => {
      const { body, headers } = make();
      const response = await fetch(dev.server.httpUrl, {
        method: 'POST',
        body,
        headers: { ...headers, origin: 'https://evil.example', accept: 'application/json' },
      });
      expect(response.status).toBe(415);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const answer = (await response.json()) as { errors: { message: string; extensions: unknown }[] };
      expect(answer.errors[0]?.extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(answer.errors[0]?.message).toMatch(/Expected a POST with Content-Type application\/json/);
      expect(await documentTitle(dev, docId)).toEqual({ title: 'Keep me' });
    });
  }

  it('a mutation by GET is refused (405) and writes nothing', async () => {
    const response = await fetch(`${dev.server.httpUrl}?query=${encodeURIComponent(DELETE(docId))}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(405);
    expect(await documentTitle(dev, docId)).toEqual({ title: 'Keep me' });
  });

  it('JSON with a charset is accepted', async () => {
    const response = await fetch(dev.server.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('CORS answers allowed origins only', () => {
  async function preflight(t: TestServer, origin: string) {
    const response = await fetch(t.server.httpUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    return { allowOrigin: response.headers.get('access-control-allow-origin'), credentials: response.headers.get('access-control-allow-credentials') };
  }
  async function post(t: TestServer, origin: string) {
    const response = await fetch(t.server.httpUrl, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    await response.arrayBuffer();
    return response.headers.get('access-control-allow-origin');
  }

  it('an evil origin gets no allow-origin, in development and production', async () => {
    for (const t of [dev, prod]) {
      expect(await preflight(t, 'https://evil.example')).toEqual({ allowOrigin: null, credentials: null });
      expect(await post(t, 'https://evil.example')).toBeNull();
    }
  });

  it('localhost pages in development, the configured origins in production', async () => {
    expect(await preflight(dev, 'http://localhost:5173')).toEqual({ allowOrigin: 'http://localhost:5173', credentials: 'true' });
    expect(await post(dev, 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
    expect(await preflight(prod, 'http://localhost:5173')).toEqual({ allowOrigin: null, credentials: null });
    expect(await preflight(prod, 'https://app.example')).toEqual({ allowOrigin: 'https://app.example', credentials: 'true' });
    expect(await post(prod, 'https://app.example')).toBe('https://app.example');
  });
});

describe('WebSocket upgrades by origin', () => {
  it('development: localhost pages and clients without Origin are served; https://evil.example gets 403', async () => {
    expect(await upgrade(dev, 'https://evil.example')).toBe(403);
    expect(await upgrade(dev, 'http://localhost:5173')).toBe('open');
    expect(await upgrade(dev, 'http://[::1]:3000')).toBe('open');
    expect(await upgrade(dev, undefined)).toBe('open');
  });

  it('production: the same origin and the configured ones; localhost pages get 403', async () => {
    const own = `http://127.0.0.1:${prod.server.port}`;
    expect(await upgrade(prod, own)).toBe('open');
    expect(await upgrade(prod, 'https://app.example')).toBe('open');
    expect(await upgrade(prod, 'http://localhost:5173')).toBe(403);
    expect(await upgrade(prod, 'https://evil.example')).toBe(403);
  });
});

describe('GraphiQL and introspection', () => {
  async function graphiql(t: TestServer) {
    const response = await fetch(t.server.httpUrl, { headers: { accept: 'text/html' } });
    return { status: response.status, html: (await response.text()).includes('<html') };
  }

  it('production by default: no GraphiQL, introspection refused with a code on every path', async () => {
    expect((await graphiql(prod)).html).toBe(false);
    // Twice: the first goes through yoga, the second would take the fast path.
    for (let i = 0; i < 2; i++) {
      const r = await http(prod.server.httpUrl, introspection);
      expect(r.status).toBe(400);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
      expect(r.body.errors?.[0]?.message).toMatch(/Introspection is disabled on this server: the query asks for "__schema"/);
    }
    const s = await ackedSocket(prod);
    s.subscribe('plain', introspection);
    s.subscribe('live', 'query @live { __type(name: "Query") { name } }');
    for (const id of ['plain', 'live']) {
      const reply = await s.messages.take(5_000, `the error of ${id}`);
      expect(reply).toMatchObject({ id, type: 'error', payload: [{ extensions: { code: 'INTROSPECTION_DISABLED' } }] });
    }
    // __typename is not introspection; validation messages name no other fields.
    expect((await http(prod.server.httpUrl, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    const typo = await http(prod.server.httpUrl, '{ documnts { id } }');
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "documnts" on type "Query".');
  });

  it('development and opt-in production serve GraphiQL and introspection', async () => {
    for (const t of [dev, optIn]) {
      expect(await graphiql(t)).toEqual({ status: 200, html: true });
      const r = await http(t.server.httpUrl, introspection);
      expect(r.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    }
    expect((await http(dev.server.httpUrl, '{ documnts { id } }')).body.errors?.[0]?.message).toMatch(/Did you mean "documents"/);
  });
});

describe('WebSocket message size', () => {
  it('a message of 1 MiB + 1 byte closes the socket with 1009', async () => {
    const s = await ackedSocket(dev);
    s.socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await withTimeout(s.closed, 5_000, 'the close')).toBe(1009);
  });
});
