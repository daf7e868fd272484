/**
 * Runs one operation over a {@link LiveSocket} and yields full results: patches of live queries are
 * applied to the previous result, and a revision gap or a patch that does not apply re-subscribes
 * (the server then sends a fresh full result), so a wrong state is never shown.
 */
import type { SubscribePayload } from 'graphql-ws';
import type { FullResult } from './fullResult.js';
import { createLiveResultTracker } from './liveResultTracker.js';
import type { LiveSocket } from './liveSocket.js';

/** Receives full results. */
export interface FullResultSink {
  next(result: FullResult): void;
  /** A CloseEvent, an Error, or the GraphQLError array of an `error` message (e.g. validation). */
  error(error: unknown): void;
  complete(): void;
}

/** Options of {@link subscribeLive}. */
export interface SubscribeLiveOptions {
  /** Called when the state is dropped and the operation re-subscribed, with the reason (for logs). */
  onResubscribe?(reason: string): void;
}

/** Starts `payload` on `socket`; returns the function that stops it. */
export function subscribeLive(
  socket: LiveSocket,
  payload: SubscribePayload,
  sink: FullResultSink,
  options: SubscribeLiveOptions = {},
): () => void {
  const tracker = createLiveResultTracker();
  let stopped = false;
  // Each (re-)subscription gets a generation; events of an abandoned one are ignored.
  let generation = 0;
  let stopCurrent: () => void = () => {};

  const start = () => {
    const mine = ++generation;
    tracker.reset();
    stopCurrent = socket.subscribe(payload, {
      next(raw) {
        if (stopped || mine !== generation) return;
        const tracked = tracker.accept(raw);
        if (tracked.kind === 'result') {
          sink.next(tracked.result);
          return;
        }
        options.onResubscribe?.(tracked.reason);
        stopCurrent();
        start();
      },
      error(error) {
        if (stopped || mine !== generation) return;
        stopped = true;
        sink.error(error);
      },
      complete() {
        if (stopped || mine !== generation) return;
        stopped = true;
        sink.complete();
      },
    });
  };

  start();
  return () => {
    if (stopped) return;
    stopped = true;
    stopCurrent();
  };
}
