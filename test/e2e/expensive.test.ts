/**
 * Requests that cost the server more than they should, tried as an attacker would, in production mode:
 * large bodies and query texts, and queries whose results are large or many. Each is refused for its
 * own request, quickly, with a coded error, and the server goes on answering everyone else.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_QUERY_CACHE_BYTES } from '../../server/graphql/queryCaches.js';
import { http, messageText } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue } from '../support/waitFor.js';

const MAX_RESULT_BYTES = 8 * 1024 * 1024;
const DOCUMENTS = 60;
const BODY = 100_000;

let t: TestServer;
let datasetId: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false, production: true, limits: { maxResultBytes: MAX_RESULT_BYTES } });
  // 60 documents of 100 KB: one `documents(first: 60) { nodes { body } }` is 6 MB (within the cap), three are 18 MB.
  for (let i = 0; i < DOCUMENTS; i++) {
    await t.store.createDocument({ title: `Large ${i}`, body: String(i % 10).repeat(BODY), tags: [], visibility: 'PUBLIC' }, 'system');
  }
  const dataset = await t.store.createDataset('Rows', 'system', 'PUBLIC');
  datasetId = dataset.id;
  await t.store.upsertRows(datasetId, Array.from({ length: 1_000 }, (_, i) => ({ id: null, label: `r${i}`, value: i })));
}, 60_000);
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await expectNormalQueryWorks();
});

const normalQuery = '{ datasets { id name rowCount } }';
async function expectNormalQueryWorks() {
  const check = await http(t.server.httpUrl, normalQuery);
  expect(check.status).toBe(200);
  expect(check.body.errors).toBeUndefined();
}

const aliasList = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const aliases = (n: number, field: string) => `{ ${aliasList(n, field)} }`;
const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

async function postRaw(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const response = await fetch(t.server.httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

/** A socket that completed the graphql-ws handshake, with its messages. */
async function ackedSocket() {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
  sockets.push(socket);
  const messages = createQueue<{ id?: string; type: string; payload?: unknown }>();
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data)) as { type: string }));
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  expect(await messages.take(5_000, 'connection_ack')).toEqual({ type: 'connection_ack' });
  const subscribe = (id: string, query: string) => socket.send(JSON.stringify({ type: 'subscribe', id, payload: { query } }));
  return { socket, messages, subscribe };
}

describe('large requests', () => {
  it('a 2 MB body is 413 before it is read, announced or chunked', async () => {
    const body = JSON.stringify({ query: `{ datasets { id } } # ${'x'.repeat(2 * 1024 * 1024)}` });
    const announced = await postRaw(body);
    expect(announced.status).toBe(413);
    expect(codeOf(announced.body)).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(announced.body.errors?.[0]?.message).toMatch(/at most 1048576 bytes/);

    const bytes = new TextEncoder().encode(body);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await postRaw(chunked);
    expect(streamed.status).toBe(413);
    expect(codeOf(streamed.body)).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('100 distinct 900 KB query texts are refused before parsing and leave the parse caches empty', async () => {
    const before = t.server.queryCacheBytes();
    for (let i = 0; i < 100; i++) {
      const reply = await postRaw(JSON.stringify({ query: `{ datasets { id } } # ${i} ${'x'.repeat(900_000)}` }));
      expect(reply.status).toBe(413);
      expect(codeOf(reply.body)).toBe('QUERY_TOO_LARGE');
    }
    expect(t.server.queryCacheBytes()).toBe(before);
  });

  it('100 distinct 90 KB query texts (under the text limit) keep the parse caches within their byte budget', async () => {
    for (let i = 0; i < 100; i++) {
      const reply = await postRaw(JSON.stringify({ query: `{ datasets { id } } # ${i} ${'x'.repeat(90_000)}` }));
      expect(reply.status).toBe(200);
    }
    expect(t.server.queryCacheBytes()).toBeLessThanOrEqual(DEFAULT_QUERY_CACHE_BYTES * 1.25);
  });

  it('a query text over the limit over graphql-ws is an error for that operation; the socket lives on', async () => {
    const s = await ackedSocket();
    s.subscribe('big', `query @live { datasets { id } } # ${'x'.repeat(900_000)}`);
    const reply = (await s.messages.take(5_000, 'the error')) as { id: string; type: string; payload: { extensions: { code: string } }[] };
    expect(reply).toMatchObject({ id: 'big', type: 'error' });
    expect(reply.payload[0]?.extensions.code).toBe('QUERY_TOO_LARGE');
    s.subscribe('ok', `query @live { dataset(id: "${datasetId}") { rowCount } }`);
    expect(await s.messages.take(5_000, 'the live result')).toMatchObject({ id: 'ok', type: 'next', payload: { revision: 1 } });
  });
});

describe('expensive queries', () => {
  it('30 aliases of documents(first: 60) { nodes { body } } are refused before execution, quickly', async () => {
    // A window counts as `first` items, whatever the list holds.
    const started = performance.now();
    const reply = await http(t.server.httpUrl, aliases(30, 'documents(first: 60) { nodes { body } }'));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(reply.status).toBe(400);
    expect(codeOf(reply.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(reply.body.errors?.[0]?.message).toMatch(/^Result cost limit of 100000 exceeded/);
  });

  it('a result over MAX_RESULT_BYTES ends with RESULT_TOO_LARGE; one just under it is answered', async () => {
    const near = await http(t.server.httpUrl, `{ documents(first: ${DOCUMENTS}) { nodes { id title body } } }`);
    expect(near.status).toBe(200);
    expect((near.body.data?.documents as { nodes: unknown[] }).nodes.length).toBe(DOCUMENTS);

    const started = performance.now();
    const over = await http(t.server.httpUrl, aliases(3, `documents(first: ${DOCUMENTS}) { nodes { body } }`));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(over.status).toBe(200);
    expect(over.body.data).toBeNull();
    expect(over.body.errors).toHaveLength(1);
    expect(codeOf(over.body)).toBe('RESULT_TOO_LARGE');
  });

  it('a live query over MAX_RESULT_BYTES gets an error for that operation and is not kept running', async () => {
    const s = await ackedSocket();
    const groups = t.server.engine.stats().groups;
    s.subscribe('big', `query @live ${aliases(3, `documents(first: ${DOCUMENTS}) { nodes { body } }`)}`);
    const reply = (await s.messages.take(10_000, 'the error')) as { id: string; type: string; payload: { extensions: { code: string } }[] };
    expect(reply).toMatchObject({ id: 'big', type: 'error' });
    expect(reply.payload[0]?.extensions.code).toBe('RESULT_TOO_LARGE');
    expect(t.server.engine.stats().groups).toBe(groups);
    s.subscribe('ok', `query @live { dataset(id: "${datasetId}") { rowCount } }`);
    expect(await s.messages.take(5_000, 'the live result')).toMatchObject({ id: 'ok', type: 'next' });
  });

  it('windows count as their `first` (a variable as its largest value): 30 aliases of 1,000 rows are refused', async () => {
    const rows = (first: string) => `dataset(id: "${datasetId}") { rows(first: ${first}) { nodes { id label value } } }`;
    const single = await http(t.server.httpUrl, `{ ${rows('1000')} }`);
    expect(single.status).toBe(200);
    const many = await http(t.server.httpUrl, aliases(30, rows('1000')));
    expect(many.status).toBe(400);
    expect(codeOf(many.body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await http(t.server.httpUrl, aliases(30, rows('10')))).status).toBe(200);
    const variable = await http(t.server.httpUrl, `query Many($n: Int!) { ${aliasList(30, rows('$n'))} }`, { n: 10 });
    expect(codeOf(variable.body)).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('four clients looping expensive queries do not starve a normal query', async () => {
    const attacks = [
      aliases(30, `documents(first: ${DOCUMENTS}) { nodes { body } }`),
      aliases(3, `documents(first: ${DOCUMENTS}) { nodes { body } }`),
      aliases(30, `dataset(id: "${datasetId}") { rows(first: 1000) { nodes { id label value } } }`),
    ];
    let attacking = true;
    const attackers = Array.from({ length: 4 }, async (_, client) => {
      for (let i = 0; i < 15 && attacking; i++) await http(t.server.httpUrl, attacks[(client + i) % attacks.length] as string);
    });
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const reply = await http(t.server.httpUrl, normalQuery);
      latencies.push(performance.now() - started);
      expect(reply.body.errors).toBeUndefined();
    }
    attacking = false;
    await Promise.all(attackers);
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(1_000);
  }, 60_000);
});
