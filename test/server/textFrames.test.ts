/**
 * graphql-ws `next` frames written straight to a socket's stream reach a ws client as the exact
 * messages graphql-ws would send, for each header size (7-bit, 16-bit and 64-bit lengths), for ids
 * that need escaping and non-ASCII text, interleaved with frames ws itself sends.
 */
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { writeNextFrame } from '../../server/transport/ws/textFrames.js';
import { withTimeout } from '../support/waitFor.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('writeNextFrame', () => {
  it('frames messages of every length class that a ws client reads back exactly', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    await new Promise((resolve) => wss.once('listening', resolve));
    const connected = new Promise<[WebSocket, IncomingMessage]>((resolve) => wss.once('connection', (socket, request) => resolve([socket, request])));
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    cleanups.push(() => client.terminate());
    const received: string[] = [];
    const payloads = ['"x"', `"${'é'.repeat(100)}"`, `"${'a'.repeat(70_000)}"`, '"ü€😀"', '"y"'];
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        received.push(data.toString('utf8'));
        if (received.length === payloads.length + 1) resolve();
      }),
    );
    const [socket, request] = await withTimeout(connected, 5_000, 'the server side of the socket');
    const ids = ['1', 'ü', 'a"b\\c', '6f1c2b0e-7a43-4c1e-9d2e-0b5f3c9a8e71', '\u0001'];
    const sizes: number[] = [];
    for (const [i, payload] of payloads.entries()) {
      sizes.push(writeNextFrame(request.socket, ids[i]!, payload));
      if (i === 1) socket.send('between');
    }
    await withTimeout(all, 5_000, 'every message');
    const expected = payloads.map((payload, i) => `{"id":${JSON.stringify(ids[i])},"type":"next","payload":${payload}}`);
    expect(received).toEqual([expected[0], expected[1], 'between', ...expected.slice(2)]);
    expect(sizes).toEqual(expected.map((message) => Buffer.byteLength(message)));
  });
});
