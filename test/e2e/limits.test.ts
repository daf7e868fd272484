import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { http, messageText, initMessage } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue } from '../support/waitFor.js';

let t: TestServer;
let docId: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  // Introspection on: the over-deep and over-cost queries are `__type` chains.
  t = await startTestServer({ seed: false, production: true, limits: { introspection: true } });
  const created = await http(t.server.httpUrl, 'mutation { createDocument(input: { title: "Limits", body: "b" }) { id } }');
  docId = (created.body.data?.createDocument as { id: string }).id;
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  // Whatever was sent, the server still answers a normal query.
  const check = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { title } }', { id: docId });
  expect(check.status).toBe(200);
  expect(check.body.data).toEqual({ document: { title: expect.any(String) } });
});

const nested = (depth: number) => `{ document(id: ${'['.repeat(depth)}1${']'.repeat(depth)}) { id } }`;
/** `__type(name: "Query")` with `ofType` nested `levels` deep (valid at any depth), selecting `leaves`. */
const ofTypes = (levels: number, leaves: string) => `{ __type(name: "Query") ${'{ ofType '.repeat(levels)}{ ${leaves} }${' }'.repeat(levels)} }`;
const overDeep = ofTypes(13, 'name');
const overAliased = `query @live { ${Array.from({ length: 31 }, (_, i) => `a${i}: documents { nodes { id } }`).join(' ')} }`;
const overTokens = `{ documents { nodes { ${'id '.repeat(5_001)}} } }`;
// Each level multiplies the cost of what it selects by 1.5: within the depth, alias and token limits.
const overCost = `query @live ${ofTypes(9, 'name kind '.repeat(600))}`;

/** A socket that completed the graphql-ws handshake, with its messages and how it closed. */
async function ackedSocket() {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
  sockets.push(socket);
  const messages = createQueue<{ id?: string; type: string; payload?: unknown }>();
  let closed: { code: number; reason: string } | undefined;
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data)) as { type: string }));
  socket.on('close', (code, reason) => (closed = { code, reason: String(reason) }));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(await initMessage());
  expect(await messages.take(5_000, 'connection_ack')).toEqual({ type: 'connection_ack' });
  const subscribe = (id: string, query: string) => socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query } }));
  return { socket, messages, subscribe, closed: () => closed };
}

type Accept = 'application/json' | 'application/graphql-response+json';

/** POSTs `query` as the fast path sees requests, or (with `origin`) as only yoga serves them. */
async function post(query: string, accept: Accept, origin?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept };
  if (origin) headers.origin = origin;
  const response = await fetch(t.server.httpUrl, { method: 'POST', headers, body: JSON.stringify({ query }) });
  return { status: response.status, text: await response.text() };
}
async function get(search: string) {
  const response = await fetch(`${t.server.httpUrl}?${search}`, { headers: { accept: 'application/graphql-response+json' } });
  return { status: response.status, text: await response.text() };
}
function errorsOf(text: string) {
  return (JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] });
}

describe('query limits over graphql-ws answer the operation, not the socket', () => {
  it('over-limit queries get an error each; the socket and its live query live on', async () => {
    const s = await ackedSocket();
    s.subscribe('live', `query @live { document(id: "${docId}") { title } }`);
    expect(await s.messages.take(5_000, 'the first result')).toMatchObject({ id: 'live', type: 'next', payload: { revision: 1 } });
    const cases = { deep: overDeep, aliased: overAliased, tokens: overTokens, costly: overCost, nested: `query @live ${nested(5_000)}` };
    for (const [id, query] of Object.entries(cases)) {
      s.subscribe(id, query);
      const reply = await s.messages.take(5_000, `the error of ${id}`);
      expect(reply).toMatchObject({ id, type: 'error' });
      // The over-cost text also trips graphql-js's own budget for comparing repeated fields: a second error.
      const errors = (reply as { payload: { message: string; extensions: unknown }[] }).payload;
      expect(errors[0]?.message).toMatch(/limit of/);
      for (const error of errors) expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(JSON.stringify(reply)).not.toMatch(/stack|Syntax Error: Query|Maximum call stack/i);
    }
    await http(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "Still live" }) { id } }', { id: docId });
    expect(await s.messages.take(5_000, 'the patch')).toMatchObject({ id: 'live', type: 'next', payload: { revision: 2 } });
    expect(s.closed()).toBeUndefined();
    expect(t.server.engine.stats().subscribers).toBe(1);
  });
});

describe('query limits over HTTP', () => {
  const overLimit = { depth: overDeep, aliases: overAliased, tokens: overTokens, cost: overCost };
  for (const accept of ['application/json', 'application/graphql-response+json'] as const) {
    for (const [limit, query] of Object.entries(overLimit)) {
      it(`${limit} over its limit is a 400 with a code (${accept}, fast path and yoga)`, async () => {
        for (const origin of [undefined, 'http://elsewhere.example']) {
          const r = await post(query, accept, origin);
          expect(r.status).toBe(400);
          const body = errorsOf(r.text);
          expect(body.data).toBeUndefined();
          expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
          expect(body.errors?.[0]?.message).toMatch(new RegExp(limit.replace(/e?s$/, ''), 'i'));
        }
      });
    }
  }

  it('GET answers an over-limit query with 400 and a code', async () => {
    const r = await get(`query=${encodeURIComponent(overDeep)}`);
    expect(r.status).toBe(400);
    expect(errorsOf(r.text).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('input that would overflow the parser or cannot be read', () => {
  it('a literal nested 5,000 deep is a 400 naming the limit, over POST and GET', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json'] as const) {
      const r = await post(nested(5_000), accept);
      expect(r.status).toBe(400);
      const error = errorsOf(r.text).errors?.[0];
      expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error?.message).toMatch(/nest.*64.*found/i);
      expect(r.text).not.toMatch(/stack|Maximum call stack/i);
    }
    // Not 5,000 deep: the URL would pass the header size limit (431).
    const g = await get(`query=${encodeURIComponent(nested(1_000))}`);
    expect(g.status).toBe(400);
    expect(errorsOf(g.text).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('GET with variables that are not JSON is a 400 saying what was expected and what arrived', async () => {
    const r = await get('query={__typename}&variables=notjson');
    expect(r.status).toBe(400);
    const error = errorsOf(r.text).errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/"variables".*JSON.*notjson/);
    expect(r.text).not.toMatch(/stack/i);
    const e = await get('query={__typename}&extensions={oops');
    expect(e.status).toBe(400);
    expect(errorsOf(e.text).errors?.[0]?.message).toMatch(/"extensions".*JSON.*\{oops/);
    const ok = await get('query={__typename}');
    expect(ok.status).toBe(200);
    expect(errorsOf(ok.text)).toEqual({ data: { __typename: 'Query' } });
  });
});
