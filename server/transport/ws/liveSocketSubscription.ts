/**
 * The fan-out fast path of live queries over graphql-ws: instead of yielding results through
 * graphql-ws (which stringifies every message per subscriber), each member writes the group's
 * shared, once-serialized payload straight to its socket, framed as a graphql-ws `next` message with
 * its own id and revision.
 */
import type { WebSocket } from 'ws';
import type { LiveQueryEngine, LiveQueryRequest, LiveSubscriber, LiveSubscription } from '../../live/liveQueryEngine.js';
import { payloadJson, type LiveUpdate } from '../../live/liveResult.js';

/** A client that leaves more than this unread is dropped rather than buffered for without bound. */
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Close code for a client too slow to read its updates (RFC 6455 policy violation). */
export const CLOSE_TOO_SLOW = 1008;

/**
 * One live query of operation `id` on `socket`: the engine's subscriber, writing each update to the
 * socket. When the socket has more than `maxBufferedBytes` unsent, the client is not reading: it is
 * closed with 1008 (and cut off a second later if it does not even read the close frame). It
 * reconnects and gets the current state as a fresh revision 1.
 *
 * A class, not closures in an object literal: thousands are held while idle, and methods on a
 * prototype cost nothing per instance (closures each cost a context, and under tsx a name property
 * that turns them into dictionaries).
 */
export class LiveSocketSink implements LiveSubscriber {
  readonly #socket: WebSocket;
  readonly #maxBufferedBytes: number;
  /** Told when the engine ends the subscription (shutdown), not when {@link stop} does. */
  readonly #onComplete: ((sink: LiveSocketSink) => void) | undefined;
  #subscription: LiveSubscription | undefined = undefined;
  #done = false;

  constructor(
    socket: WebSocket,
    readonly id: string,
    maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    onComplete?: (sink: LiveSocketSink) => void,
  ) {
    this.#socket = socket;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#onComplete = onComplete;
  }

  /** Subscribes to the engine; throws what `engine.subscribe` throws. */
  start(engine: LiveQueryEngine, request: LiveQueryRequest): this {
    this.#subscription = engine.subscribe(request, this);
    return this;
  }

  next(revision: number, update: LiveUpdate): void {
    const socket = this.#socket;
    if (this.#done || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.#maxBufferedBytes) {
      dropSlowClient(socket, this.#maxBufferedBytes);
      return;
    }
    // The frame around the shared payload is built per send rather than kept: thousands of idle
    // members would each hold it.
    socket.send(`{"id":${JSON.stringify(this.id)},"type":"next","payload":${payloadJson(update, revision)}}`);
  }

  complete(): void {
    if (this.#done) return;
    this.stop();
    this.#onComplete?.(this);
  }

  /** Ends the subscription (idempotent). */
  stop(): void {
    if (this.#done) return;
    this.#done = true;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}

/**
 * Subscribes `request` for operation `id` on `socket` as graphql-ws's operation result: the iterator
 * yields nothing (the sink writes to the socket itself) and ends on return(), or when the engine ends
 * the subscription, so that graphql-ws sends `complete`.
 */
export function subscribeLiveOnSocket(
  engine: LiveQueryEngine,
  request: LiveQueryRequest,
  socket: WebSocket,
  id: string,
  maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
): AsyncIterableIterator<never> {
  return new LiveSocketIterator(engine, request, socket, id, maxBufferedBytes);
}

const DONE: IteratorResult<never> = Object.freeze({ value: undefined, done: true });

/** A live query's sink as an async iterator for graphql-ws, which holds it and calls `return()`. */
class LiveSocketIterator implements AsyncIterableIterator<never> {
  readonly #sink: LiveSocketSink;
  /** Resolves the pending `next()` when the subscription ends. */
  #finish: ((step: IteratorResult<never>) => void) | undefined = undefined;
  #done = false;

  constructor(engine: LiveQueryEngine, request: LiveQueryRequest, socket: WebSocket, id: string, maxBufferedBytes: number) {
    this.#sink = new LiveSocketSink(socket, id, maxBufferedBytes, () => this.#end()).start(engine, request);
  }

  /** What graphql-ws's `for await` waits on: nothing is yielded, the promise settles at the end. */
  next(): Promise<IteratorResult<never>> {
    if (this.#done) return Promise.resolve(DONE);
    return new Promise((resolve) => (this.#finish = resolve));
  }

  return(): Promise<IteratorResult<never>> {
    this.#end();
    return Promise.resolve(DONE);
  }

  throw(error: unknown): Promise<IteratorResult<never>> {
    this.#end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #end(): void {
    if (this.#done) return;
    this.#done = true;
    this.#sink.stop();
    this.#finish?.(DONE);
    this.#finish = undefined;
  }
}


function dropSlowClient(socket: WebSocket, maxBufferedBytes: number): void {
  socket.close(CLOSE_TOO_SLOW, `Too slow: over ${Math.round(maxBufferedBytes / 1024)} KiB of updates unread`);
  setTimeout(() => socket.terminate(), 1_000).unref();
}
