/**
 * A live query's subscriber on an event stream: each update of its group, written as a `next` event
 * whose `id:` is the subscriber's revision and whose data is the group's once-serialized payload
 * with that revision — the same bytes as the payload of a graphql-ws `next` (liveSocketSink.ts).
 */
import { isResultTooLarge } from '../../graphql/resultBudget.js';
import type { LiveQueryEngine, LiveQueryRequest, LiveSubscriber, LiveSubscription } from '../../live/liveQueryEngine.js';
import { payloadJson, type LiveUpdate } from '../../live/liveResult.js';
import type { TransportMetrics } from '../../metrics/transportMetrics.js';
import { writtenBytes } from '../updateBytes.js';
import type { EventStream } from './eventStream.js';

/** The engine's subscriber writing to one event stream. */
export class LiveEventSink implements LiveSubscriber {
  readonly #stream: EventStream;
  readonly #metrics: TransportMetrics;
  #subscription: LiveSubscription | undefined = undefined;

  constructor(stream: EventStream, metrics: TransportMetrics) {
    this.#stream = stream;
    this.#metrics = metrics;
  }

  /**
   * Subscribes to the engine until the stream ends (the client goes away, is dropped for not
   * reading, or the server shuts down). Throws what `engine.subscribe` throws.
   */
  start(engine: LiveQueryEngine, request: LiveQueryRequest): void {
    const subscription = engine.subscribe(request, this);
    this.#subscription = subscription;
    this.#stream.releaseOnEnd(() => {
      this.#subscription = undefined;
      subscription.unsubscribe();
    });
  }

  /**
   * Writes the update; false when the stream is over the slow-client watermark: the live query
   * pauses until the stream drains, then gets one patch to the latest state (see eventStream.ts).
   */
  next(revision: number, update: LiveUpdate): boolean {
    if (this.#stream.behind) {
      this.#stream.pause(this);
      return false;
    }
    // A result over the cap is not kept live (as over graphql-ws): its errors, then `complete`.
    const tooLarge = update.payload.errors?.filter(isResultTooLarge);
    if (tooLarge?.length) {
      this.#stream.next(revision, JSON.stringify({ errors: tooLarge }));
      this.#stream.complete();
      return true;
    }
    const written = this.#stream.next(revision, payloadJson(update, revision));
    if (written !== undefined) this.#metrics.delivered('sse', writtenBytes(written, update), update.invalidatedAt);
    return true;
  }

  /** The stream drained: the engine sends this live query one patch to the latest state. */
  resume(): void {
    this.#subscription?.resume();
  }

  /** The engine shut down: the stream completes. */
  complete(): void {
    this.#stream.complete();
  }
}
