import fastJsonPatch from 'fast-json-patch';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JsonObject } from '../../wire/json.js';
import type { LiveResult } from '../../wire/liveResult.js';
import { authorizationOf, http, initMessage, messageText } from '../support/clients.js';
import { readEventStream, type EventStreamReader } from '../support/eventStreamReader.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';

const WATERMARK = 64 * 1024;
const servers: TestServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((s) => s.dispose()));
});

async function server(timeoutMs: number): Promise<TestServer> {
  const t = await startTestServer({ seed: false, slowClients: { watermarkBytes: WATERMARK, timeoutMs } });
  servers.push(t);
  return t;
}

async function createDocument(t: TestServer): Promise<string> {
  const created = await http(t.server.httpUrl, 'mutation { createDocument(input: { title: "Big" }) { id } }');
  return (created.body.data?.createDocument as { id: string }).id;
}

async function writeBody(t: TestServer, id: string, body: string): Promise<void> {
  const result = await http(t.server.httpUrl, 'mutation($id: ID!, $b: String!) { updateDocument(id: $id, input: { body: $b }) { id } }', { id, b: body });
  expect(result.body.errors).toBeUndefined();
}

/** A counter of the server's live messages and bytes over `transport`, read from its /metrics. */
async function sent(t: TestServer, transport = 'ws'): Promise<{ messages: number; bytes: number }> {
  const text = await (await fetch(t.server.httpUrl.replace(/\/graphql$/, '/metrics'))).text();
  const read = (family: string) => Number(new RegExp(`^${family}\\{transport="${transport}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { messages: read('livedoc_patch_messages_sent_total'), bytes: read('livedoc_sent_bytes_total') };
}

/** A raw graphql-transport-ws socket with a live query on a document's body; its TCP reading can be paused. */
async function liveSocket(t: TestServer, id: string) {
  const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
  sockets.push(socket);
  const messages = createQueue<unknown>();
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data))));
  socket.on('error', () => {}); // the close event carries what the tests check
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(await initMessage());
  expect(await messages.take(5_000, 'connection_ack')).toEqual({ type: 'connection_ack' });
  socket.send(JSON.stringify({ type: 'subscribe', id: 'slow', payload: { query: `query @live { document(id: "${id}") { body } }` } }));
  const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return { socket, messages, closed, pauseReading: () => tcp.pause(), resumeReading: () => tcp.resume() };
}

/** Writes distinct ~100 KB bodies until the server pauses the slow client's live query (kernel buffers fill first). */
async function writeUntilPaused(t: TestServer, id: string): Promise<number> {
  for (let i = 0; i < 400; i++) {
    await writeBody(t, id, `${i} `.padEnd(90_000, String(i % 10)));
    if (t.server.engine.stats().pausedSubscribers === 1) return i;
  }
  throw new Error('The slow client was never paused.');
}

describe('a client that stops reading', () => {
  it('is paused at the watermark, costs one held result however many updates follow, and gets one patch to the latest state when it reads again', async () => {
    const t = await server(60_000);
    const id = await createDocument(t);
    const client = await liveSocket(t, id);
    const first = (await client.messages.take(5_000, 'the first result')) as { payload: { data: JsonObject; revision: number } };
    expect(first.payload.revision).toBe(1);
    client.pauseReading();
    let written = await writeUntilPaused(t, id);
    const atPause = await sent(t);
    // Many more large updates: nothing more is written to it, and it holds one result.
    for (let i = 0; i < 20; i++) await writeBody(t, id, `latest ${++written} `.repeat(5_000));
    expect(await sent(t)).toEqual(atPause);
    expect(t.server.engine.stats()).toMatchObject({ subscribers: 1, pausedSubscribers: 1, heldResults: 1 });

    client.resumeReading();
    const fresh = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { body } }', { id });
    let state: JsonObject | null = first.payload.data;
    let revision = 1;
    while (JSON.stringify(state) !== JSON.stringify(fresh.body.data)) {
      const message = (await client.messages.take(10_000, 'the updates up to the latest state')) as { id: string; payload: LiveResult };
      expect(message.id).toBe('slow');
      expect(message.payload.revision).toBe(revision + 1);
      revision = message.payload.revision;
      const payload = message.payload;
      if ('data' in payload) state = payload.data;
      else state = fastJsonPatch.applyPatch(state, payload.patch as fastJsonPatch.Operation[], true, false).newDocument;
    }
    // What was written before the pause, then exactly one patch for everything it missed.
    expect(revision).toBe(atPause.messages + 1);
    await waitFor(() => t.server.engine.stats().pausedSubscribers === 0, 5_000, 'the live query to resume');
    expect(t.server.engine.stats().heldResults).toBe(0);
    expect((await sent(t)).messages).toBe(atPause.messages + 1);

    // And it goes on live.
    await writeBody(t, id, 'after');
    expect(await client.messages.take(5_000, 'the next patch')).toMatchObject({
      payload: { revision: revision + 1, patch: [{ op: 'replace', path: '/document/body', value: 'after' }] },
    });
  }, 120_000);

  it('is closed with 1008 once it has read nothing for the configured time, and sees the 1008', async () => {
    const t = await server(300);
    const id = await createDocument(t);
    const client = await liveSocket(t, id);
    await client.messages.take(5_000, 'the first result');
    client.pauseReading();
    await writeUntilPaused(t, id);
    // The timeout closes it; the close frame waits behind at most the watermark and one update (and
    // what the kernel holds), so a client reading again within the grace period reads it.
    await waitFor(async () => (await scrapeDropped(t)) === 1, 10_000, 'the slow client to be dropped');
    client.resumeReading();
    expect(await withTimeout(client.closed, 5_000, 'the close')).toBe(1008);
    await waitFor(() => t.server.engine.stats().subscribers === 0, 5_000, 'the live query to end');
  }, 120_000);
});

async function scrapeDropped(t: TestServer): Promise<number> {
  const text = await (await fetch(t.server.httpUrl.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^livedoc_slow_clients_dropped_total\{transport="ws"\} (\S+)$/m.exec(text)?.[1] ?? 0);
}

describe('shutdown with a client that does not read', () => {
  it('cuts it off after a short grace instead of waiting for its close frame', async () => {
    const t = await startTestServer({ seed: false });
    const id = await createDocument(t);
    const client = await liveSocket(t, id);
    await client.messages.take(5_000, 'the first result');
    client.pauseReading(); // it will never read the 1001 close frame, nor answer it
    const started = performance.now();
    await withTimeout(t.server.close(), 10_000, 'the server to close');
    expect(performance.now() - started).toBeLessThan(6_000); // ws alone waits 30 s for the answer
    await t.store.close();
  }, 60_000); // a server of its own: PGlite's start is slow on a loaded machine
});

describe('an event stream whose client stops reading', () => {
  const readers: EventStreamReader[] = [];
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((r) => r.cancel()));
  });

  it('pauses at the watermark and, read again, gets one patch to the latest state', async () => {
    const t = await server(60_000);
    const id = await createDocument(t);
    const response = await fetch(t.server.httpUrl, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: (await authorizationOf()) ?? '' },
      body: JSON.stringify({ query: 'query($id: ID!) @live { document(id: $id) { body } }', variables: { id } }),
    });
    expect(response.status).toBe(200);
    // The body is not read until later: the client's buffers fill, then the server's.
    await waitFor(() => t.server.engine.stats().subscribers === 1, 5_000, 'the stream to subscribe');
    await writeUntilPaused(t, id);
    const atPause = await sent(t, 'sse');
    for (let i = 0; i < 20; i++) await writeBody(t, id, `latest ${i} `.repeat(5_000));
    expect(await sent(t, 'sse')).toEqual(atPause);
    expect(t.server.engine.stats()).toMatchObject({ pausedSubscribers: 1, heldResults: 1 });

    const reader = readEventStream(response);
    readers.push(reader);
    const fresh = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { body } }', { id });
    let state: JsonObject | null = null;
    let revision = 0;
    while (JSON.stringify(state) !== JSON.stringify(fresh.body.data)) {
      const event = await reader.nextEvent('the updates up to the latest state', 10_000);
      if (event === 'end') throw new Error('The stream ended.');
      const payload = JSON.parse(event.data ?? '') as LiveResult;
      expect(payload.revision).toBe(revision + 1);
      revision = payload.revision;
      if ('data' in payload) state = payload.data;
      else state = fastJsonPatch.applyPatch(state, payload.patch as fastJsonPatch.Operation[], true, false).newDocument;
    }
    expect(revision).toBe(atPause.messages + 1);
    await waitFor(() => t.server.engine.stats().pausedSubscribers === 0, 5_000, 'the live query to resume');
    expect((await sent(t, 'sse')).messages).toBe(atPause.messages + 1);
  }, 120_000);
});
