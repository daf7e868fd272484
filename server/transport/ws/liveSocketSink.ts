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
import type { ConnectionPause } from '../slowClients.js';
import { writtenBytes } from '../updateBytes.js';
import { writeNextFrame } from './textFrames.js';
import { corkForTick, type TickCorked } from './tickCork.js';
import { CLOSE_TOO_SLOW } from '../../../wire/closeCodes.js';

/**
 * A safety net over the slow-client watermark: a socket with more than this unsent (messages other
 * than live updates, which pause at the watermark) is dropped rather than buffered for without bound.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** How long a client closed for not reading has to read the close frame before it is cut off. */
const CLOSE_GRACE_MS = 5_000;

/**
 * What every live query of one socket shares: one object per socket, so that each member holds one
 * reference instead of four.
 */
export interface SocketSinkHost extends TickCorked {
  readonly socket: WebSocket;
  /** Unsent bytes over which the socket's live queries pause (see slowClients.ts). */
  readonly watermarkBytes: number;
  /** The socket's paused live queries; resumes them when the socket drains. */
  readonly pause: ConnectionPause;
  /** Unsent bytes over which the client is dropped at once (1008). */
  readonly maxBufferedBytes: number;
  /**
   * Told when a subscription ends without the client asking: the engine ended it (shutdown), or
   * with `errors` when its result passed the result cap; not when `stop` does.
   */
  readonly onComplete: LiveSinkEnded | undefined;
  readonly metrics: TransportMetrics;
  /** No extension negotiated (permessage-deflate): live updates may be framed here (textFrames.ts). */
  readonly plainFrames: boolean;
}

/**
 * One live query of operation `id` on the host's socket: the engine's subscriber, writing each update
 * to the socket. When the socket has more than the watermark unsent, the client is not keeping up:
 * the update is not written and the live query pauses (the engine keeps what the client has) until
 * the socket drains, then gets one patch to the latest state. Over `maxBufferedBytes` (a safety net)
 * the client is closed with 1008 at once.
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

  /** Writes the update; false when it did not because the socket is over its watermark (paused). */
  next(revision: number, update: LiveUpdate): boolean {
    const { socket, maxBufferedBytes, metrics } = this.#host;
    // A closing socket's live queries end with its close event: nothing is written, nothing kept.
    if (this.#done || socket.readyState !== socket.OPEN) return true;
    // ws computes it on every read: once per member update.
    const unsent = socket.bufferedAmount;
    if (unsent > maxBufferedBytes) {
      metrics.droppedSlow('ws');
      dropSlowClient(socket, `over ${Math.round(maxBufferedBytes / 1024)} KiB of updates unread`);
      return true;
    }
    if (unsent > this.#host.watermarkBytes) {
      this.#host.pause.pause(this);
      return false;
    }
    // A result over the cap is not kept live: the operation ends with the error (graphql-ws `error`).
    const tooLarge = update.payload.errors?.filter(isResultTooLarge);
    if (tooLarge?.length) {
      this.stop();
      this.#host.onComplete?.(this, tooLarge);
      return true;
    }
    // The bytes graphql-ws's `stringifyMessage` would write for a `next` message, without
    // stringifying the payload once per member. The frame is built per send rather than kept:
    // thousands of idle members would each hold it.
    corkForTick(this.#host);
    if (this.#host.plainFrames) {
      const bytes = writeNextFrame(this.#host.stream, this.id, payloadJson(update, revision));
      metrics.delivered('ws', bytes, update.invalidatedAt);
      return true;
    }
    const frame = `{"id":${JSON.stringify(this.id)},"type":"next","payload":${payloadJson(update, revision)}}`;
    socket.send(frame);
    metrics.delivered('ws', writtenBytes(frame, update), update.invalidatedAt);
    return true;
  }

  /** The socket drained: the engine sends this live query one patch to the latest state. */
  resume(): void {
    if (!this.#done) this.#subscription?.resume();
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
    this.#host.pause.forget(this);
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}

/** How a sink tells its router it ended by itself: completed (no errors) or failed with `errors`. */
export type LiveSinkEnded = (sink: LiveSocketSink, errors?: readonly GraphQLFormattedError[]) => void;

/**
 * Closes a client that does not read (1008), and cuts it off if it does not read the close frame
 * within a grace period either. Behind the watermark the frame waits behind little: a client that
 * reads again in time sees 1008.
 */
export function dropSlowClient(socket: WebSocket, why: string): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.close(CLOSE_TOO_SLOW, `Too slow: ${why}`);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}
