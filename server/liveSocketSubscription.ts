/**
 * The fan-out fast path of live queries over graphql-ws: instead of yielding results through
 * graphql-ws (which stringifies every message per subscriber), each member writes the group's
 * shared, once-serialized payload straight to its socket, framed as a graphql-ws `next` message with
 * its own id and revision. graphql-ws still owns the operation's lifecycle: it holds the returned
 * iterator, calls `return()` on `complete` or socket close, and sends `complete` when it ends.
 */
import type { WebSocket } from 'ws';
import type { LiveQueryEngine, LiveQueryRequest } from './live/liveQueryEngine.js';
import { payloadJson } from './live/liveResult.js';

/** A client that leaves more than this unread is dropped rather than buffered for without bound. */
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Close code for a client too slow to read its updates (RFC 6455 policy violation). */
export const CLOSE_TOO_SLOW = 1008;

/**
 * Subscribes `request` for operation `id` on `socket`; the iterator yields nothing and ends on return().
 * When the socket has more than `maxBufferedBytes` unsent, the client is not reading: it is closed with
 * 1008 (and cut off a second later if it does not even read the close frame). It reconnects and gets
 * the current state as a fresh revision 1.
 */
export function subscribeLiveOnSocket(
  engine: LiveQueryEngine,
  request: LiveQueryRequest,
  socket: WebSocket,
  id: string,
  maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
): AsyncIterableIterator<never> {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  let finish: ((step: IteratorResult<never>) => void) | undefined;
  let done = false;
  const end = (): IteratorResult<never> => {
    const step: IteratorResult<never> = { value: undefined, done: true };
    if (!done) {
      done = true;
      unsubscribe();
      finish?.(step);
    }
    return step;
  };
  const unsubscribe = engine.subscribe(request, {
    next(revision, update) {
      if (done || socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > maxBufferedBytes) {
        dropSlowClient(socket, maxBufferedBytes);
        return;
      }
      socket.send(`${prefix}${payloadJson(update, revision)}}`);
    },
    complete: end,
  });
  const ended = new Promise<IteratorResult<never>>((resolve) => (finish = resolve));
  return {
    next: () => (done ? Promise.resolve({ value: undefined, done: true }) : ended),
    return: () => Promise.resolve(end()),
    throw: (error: unknown) => {
      end();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function dropSlowClient(socket: WebSocket, maxBufferedBytes: number): void {
  socket.close(CLOSE_TOO_SLOW, `Too slow: over ${Math.round(maxBufferedBytes / 1024)} KiB of updates unread`);
  setTimeout(() => socket.terminate(), 1_000).unref();
}
