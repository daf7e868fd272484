import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { endAtExpiry } from '../../server/transport/sse/endAtExpiry.js';
import { EventStream } from '../../server/transport/sse/eventStream.js';
import { readEventStream } from '../support/eventStreamReader.js';
import { createQueue } from '../support/waitFor.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real HTTP server whose every request opens an event stream and hands it to `use`. */
async function streamServer(use: (stream: EventStream) => void, onEnd: (stream: EventStream) => void): Promise<string> {
  const server = http.createServer((_req, res) => use(new EventStream(res, 1024 * 1024, onEnd)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('EventStream', () => {
  it('ends at the viewer token expiry without complete, releasing what feeds it', async () => {
    const ended = createQueue<string>();
    const url = await streamServer(
      (stream) => {
        stream.next(1, '{"revision":1}');
        stream.releaseOnEnd(() => ended.push('released'));
        endAtExpiry(stream, Date.now() + 100);
      },
      () => ended.push('ended'),
    );
    const reader = readEventStream(await fetch(url));
    expect(await reader.next()).toEqual({ event: 'next', id: '1', data: '{"revision":1}' });
    expect(await reader.next('the end at expiry')).toBe('end');
    expect(await ended.take()).toBe('released');
    expect(await ended.take()).toBe('ended');
  });

  it('ends at once for a token that has expired already, and never for one without expiry', async () => {
    const url = await streamServer(
      (stream) => {
        endAtExpiry(stream, null);
        stream.next(1, '{}');
        endAtExpiry(stream, Date.now() - 1);
      },
      () => {},
    );
    const reader = readEventStream(await fetch(url));
    expect(await reader.next()).toMatchObject({ event: 'next', id: '1' });
    expect(await reader.next()).toBe('end');
  });

  it('releases what feeds it when the client goes away', async () => {
    const released = createQueue<string>();
    const url = await streamServer(
      (stream) => {
        stream.releaseOnEnd(() => released.push('first'));
        stream.releaseOnEnd(() => released.push('second'));
        stream.heartbeat();
      },
      () => released.push('ended'),
    );
    const reader = readEventStream(await fetch(url));
    expect(await reader.next()).toEqual({ comment: true });
    await reader.cancel();
    expect([await released.take(), await released.take(), await released.take()]).toEqual(['first', 'second', 'ended']);
  });
});
