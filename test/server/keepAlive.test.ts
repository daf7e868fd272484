import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startKeepAlive } from '../../server/transport/ws/keepAlive.js';
import { withTimeout } from '../support/waitFor.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(intervalMs: number) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  const stop = startKeepAlive(wss, intervalMs);
  cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())), stop);
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}
function connect(url: string, autoPong: boolean) {
  const socket = new WebSocket(url, { autoPong });
  cleanups.push(() => socket.terminate());
  return socket;
}

describe('keep-alive', () => {
  it('keeps answering sockets open and terminates silent ones, with one timer', async () => {
    // A round must outlast the event-loop delays of a loaded test run: an answering socket whose pong
    // is read after the next round starts is taken for silent.
    const url = await serve(200);
    const answering = connect(url, true);
    const silent = connect(url, false);
    let pings = 0;
    answering.on('ping', () => pings++);
    const silentClosed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    expect(await withTimeout(silentClosed, 5_000, 'the silent socket to be terminated')).toBe(1006);
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = () => (pings >= 3 ? resolve() : answering.once('ping', check));
        check();
      }),
      5_000,
      'three pings',
    );
    expect(answering.readyState).toBe(WebSocket.OPEN);
  });
});
