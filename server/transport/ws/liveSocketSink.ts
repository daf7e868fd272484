/**
 * The fan-out fast path of live queries over graphql-ws: instead of yielding results through
 * graphql-ws (which stringifies every message per subscriber), each member writes the group's
 * shared, once-serialized payload straight to its socket, framed as a graphql-ws `next` message with
 * its own id and revision. Started by liveOperationRouter.ts.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { WebSocket } from 'ws';
import { isResultTooLarge } from '../../graphql/resultBudget.js';
import type { LiveQueryEngine, LiveQueryRequest, LiveSubscriber, LiveSubscription } from '../../live/liveQueryEngine.js';
import { payloadJson, type LiveUpdate } from '../../live/liveResult.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import { writtenBytes } from '../updateBytes.js';
import { CLOSE_TOO_SLOW } from '../../../wire/closeCodes.js';

/** A client that leaves more than this unread is dropped rather than buffered for without bound. */
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * What every live query of one socket shares: one object per socket, so that each member holds one
 * reference instead of four.
 */
export interface SocketSinkHost {
  readonly socket: WebSocket;
  /** Unsent bytes over which the client counts as not reading. */
  readonly maxBufferedBytes: number;
  /**
   * Told when a subscription ends without the client asking: the engine ended it (shutdown), or
   * with `errors` when its result passed the result cap; not when `stop` does.
   */
  readonly onComplete: LiveSinkEnded | undefined;
  readonly metrics: TransportMetrics;
}

/**
 * One live query of operation `id` on the host's socket: the engine's subscriber, writing each update
 * to the socket. When the socket has more than `maxBufferedBytes` unsent, the client is not reading: it is
 * closed with 1008 (and cut off a second later if it does not even read the close frame). It
 * reconnects and gets the current state as a fresh revision 1.
 *
 * A class, not closures in an object literal: thousands are held while idle, and methods on a
 * prototype cost nothing per instance (closures each cost a context, and under tsx a name property
 * that turns them into dictionaries).
 */
export class LiveSocketSink implements LiveSubscriber {
  readonly #host: SocketSinkHost;
  #subscription: LiveSubscription | undefined = undefined;
  #done = false;

  constructor(
    host: SocketSinkHost,
    readonly id: string,
  ) {
    this.#host = host;
  }

  /** Subscribes to the engine; throws what `engine.subscribe` throws. */
  start(engine: LiveQueryEngine, request: LiveQueryRequest): this {
    this.#subscription = engine.subscribe(request, this);
    return this;
  }

  next(revision: number, update: LiveUpdate): void {
    const { socket, maxBufferedBytes, metrics } = this.#host;
    if (this.#done || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      metrics.droppedSlow('ws');
      dropSlowClient(socket, maxBufferedBytes);
      return;
    }
    // A result over the cap is not kept live: the operation ends with the error (graphql-ws `error`).
    const tooLarge = update.payload.errors?.filter(isResultTooLarge);
    if (tooLarge?.length) {
      this.stop();
      this.#host.onComplete?.(this, tooLarge);
      return;
    }
    // The frame around the shared payload is built per send rather than kept: thousands of idle
    // members would each hold it. The bytes graphql-ws's `stringifyMessage` would write for a `next`
    // message, without stringifying the payload once per member.
    const frame = `{"id":${JSON.stringify(this.id)},"type":"next","payload":${payloadJson(update, revision)}}`;
    socket.send(frame);
    metrics.delivered('ws', writtenBytes(frame, update), update.invalidatedAt);
  }

  complete(): void {
    if (this.#done) return;
    this.stop();
    this.#host.onComplete?.(this);
  }

  /** Ends the subscription (idempotent). */
  stop(): void {
    if (this.#done) return;
    this.#done = true;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}

/** How a sink tells its router it ended by itself: completed (no errors) or failed with `errors`. */
export type LiveSinkEnded = (sink: LiveSocketSink, errors?: readonly GraphQLFormattedError[]) => void;

/** Closes a client that does not read (1008), and cuts it off if it does not read the close frame either. */
function dropSlowClient(socket: WebSocket, maxBufferedBytes: number): void {
  socket.close(CLOSE_TOO_SLOW, `Too slow: over ${Math.round(maxBufferedBytes / 1024)} KiB of updates unread`);
  setTimeout(() => socket.terminate(), 1_000).unref();
}
