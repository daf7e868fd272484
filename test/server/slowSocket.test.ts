/**
 * A live query's sink on a real WebSocket whose client stops reading: what the server queues for it
 * stays under the watermark plus one update, however many updates come, and it holds one result.
 */
import type { IncomingMessage } from 'node:http';
import fastJsonPatch from 'fast-json-patch';
import { buildSchema, parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createLiveQueryEngine, type LiveQueryEngine } from '../../server/live/liveQueryEngine.js';
import { createMetricCounts } from '../../server/metrics/metricCounts.js';
import type { ConnectionPause } from '../../server/transport/slowClients.js';
import { LiveSocketSink } from '../../server/transport/ws/liveSocketSink.js';
import { createSocketSinkHost } from '../../server/transport/ws/startLiveOnSocket.js';
import type { JsonObject } from '../../wire/json.js';
import type { LiveResult } from '../../wire/liveResult.js';
import { messageText } from '../support/clients.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';

const WATERMARK = 64 * 1024;
const UPDATE = 100_000; // characters of the blob: each update's frame is a little more
const disposers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

/** An engine over one big string, a ws server on port 0 whose socket gets a live query on it, and a client. */
async function setUp(timeoutMs: number) {
  let blob = 'x'.repeat(UPDATE);
  let executions = 0;
  const schema = buildSchema('directive @live(if: Boolean = true, throttle: Int) on QUERY\ntype Query { blob: String! }');
  schema.getQueryType()!.getFields().blob!.resolve = () => {
    executions++;
    return blob;
  };
  const engine: LiveQueryEngine = createLiveQueryEngine({ schema });
  disposers.push(() => engine.close());
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  disposers.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  const serverSocket = new Promise<[WebSocket, IncomingMessage]>((resolve) => wss.once('connection', (socket, request) => resolve([socket, request])));
  await new Promise((resolve) => wss.once('listening', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
  disposers.push(() => client.terminate());
  client.on('error', () => {});
  const messages = createQueue<{ payload: LiveResult }>();
  client.on('message', (data) => messages.push(JSON.parse(messageText(data)) as { payload: LiveResult }));
  const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
  const [socket, request] = await serverSocket;
  if (client.readyState !== WebSocket.OPEN) await new Promise((resolve) => client.once('open', resolve));
  const pauses = new WeakMap<WebSocket, ConnectionPause>();
  const metrics = createMetricCounts();
  const host = createSocketSinkHost(socket, request, undefined, { metrics, slowClients: { watermarkBytes: WATERMARK, timeoutMs }, pauses });
  new LiveSocketSink(host, 'q').start(engine, { document: parse('query @live { blob }'), throttleMs: 0 });
  const tcp = (client as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return {
    engine,
    socket,
    messages,
    closed,
    metrics,
    pause: () => pauses.get(socket),
    stopReading: () => tcp.pause(),
    readAgain: () => tcp.resume(),
    /** Changes the blob and waits until the engine executed for it; returns the server's unsent bytes then. */
    async write(i: number): Promise<number> {
      const before = executions;
      blob = `${i} `.padEnd(UPDATE, String(i % 10));
      engine.invalidate(['Query.blob']);
      await waitFor(() => executions > before, 3_000, 'the re-execution');
      await new Promise((resolve) => setImmediate(resolve)); // the publish follows the execution
      return socket.bufferedAmount;
    },
    get blob() {
      return blob;
    },
  };
}

describe('a live query on a socket whose client stops reading', () => {
  it('queues at most the watermark and one update, holds one result, and resumes with one patch', async () => {
    const s = await setUp(60_000);
    let state: JsonObject | null = ((await s.messages.take(3_000, 'the first result')).payload as { data: JsonObject }).data;
    s.stopReading();
    let maxQueued = 0;
    let i = 0;
    for (; i < 400 && s.engine.stats().pausedSubscribers === 0; i++) maxQueued = Math.max(maxQueued, await s.write(i));
    expect(s.engine.stats().pausedSubscribers).toBe(1);
    const messagesAtPause = s.metrics.transports.ws.messages;
    for (let k = 0; k < 50; k++, i++) maxQueued = Math.max(maxQueued, await s.write(i));
    // 50 more updates of 100 KB: nothing more written, nothing more held.
    expect(maxQueued).toBeLessThanOrEqual(WATERMARK + UPDATE + 200);
    expect(s.metrics.transports.ws.messages).toBe(messagesAtPause);
    expect(s.engine.stats()).toMatchObject({ pausedSubscribers: 1, heldResults: 1 });
    expect(s.pause()?.paused).toBe(true);

    s.readAgain();
    let revision = 1;
    while (state?.blob !== s.blob) {
      const { payload } = await s.messages.take(10_000, 'the updates up to the latest');
      expect(payload.revision).toBe(++revision);
      state = 'data' in payload ? payload.data : fastJsonPatch.applyPatch(state, payload.patch as fastJsonPatch.Operation[], true, false).newDocument;
    }
    expect(revision).toBe(messagesAtPause + 1); // what was queued before the pause, then one patch
    expect(s.engine.stats()).toMatchObject({ pausedSubscribers: 0, heldResults: 0 });
    expect(s.pause()?.paused).toBe(false);
  }, 60_000);

  it('is closed with 1008 after the timeout, which a client reading again sees', async () => {
    const s = await setUp(200);
    await s.messages.take(3_000, 'the first result');
    s.stopReading();
    for (let i = 0; i < 400 && s.engine.stats().pausedSubscribers === 0; i++) await s.write(i);
    await waitFor(() => s.socket.readyState === WebSocket.CLOSING, 5_000, 'the server to close the socket');
    expect(s.metrics.transports.ws.droppedSlow).toBe(1);
    s.readAgain();
    expect(await withTimeout(s.closed, 5_000, 'the close')).toBe(1008);
  }, 60_000);
});
