/**
 * Runs one operation over a {@link LiveSocket} and yields full results: patches of live queries are
 * applied to the previous result, and a revision gap or a patch that does not apply re-subscribes
 * (the server then sends a fresh full result), so a wrong state is never shown.
 *
 * Resume (docs/protocol.md, "Resume"): the payload the transport re-sends when it reconnects (graphql-ws
 * re-sends the same object; the SSE operation reads it on every attempt) always carries the resume
 * token of the state shown, so the server answers a reconnect with a patch from there, not the whole
 * result.
 */
import type { SubscribePayload } from 'graphql-ws';
import { resumeTokenIn, withResumeToken } from '../wire/resume.js';
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
  /** Send the resume token when re-subscribing after a reconnect (default true); false refetches. */
  resume?: boolean;
}

/** Starts `payload` on `socket`; returns the function that stops it. */
export function subscribeLive(
  socket: LiveSocket,
  payload: SubscribePayload,
  sink: FullResultSink,
  options: SubscribeLiveOptions = {},
): () => void {
  const tracker = createLiveResultTracker();
  // The transport's copy of the payload: its token follows the state shown.
  const live: { -readonly [K in keyof SubscribePayload]: SubscribePayload[K] } = { ...payload };
  const resume = options.resume ?? true;
  let stopped = false;
  // Each (re-)subscription gets a generation; events of an abandoned one are ignored.
  let generation = 0;
  let stopCurrent: () => void = () => {};

  const start = () => {
    const mine = ++generation;
    tracker.reset();
    live.extensions = withResumeToken(payload.extensions, undefined);
    stopCurrent = socket.subscribe(live, {
      next(raw) {
        if (stopped || mine !== generation) return;
        const tracked = tracker.accept(raw);
        if (tracked.kind === 'result') {
          if (resume) live.extensions = withResumeToken(payload.extensions, tokenOf(raw));
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

/** The resume token of a payload the tracker accepted; undefined when it carries none (or a bad one). */
function tokenOf(raw: unknown): string | undefined {
  const extensions = typeof raw === 'object' && raw !== null && 'extensions' in raw ? raw.extensions : undefined;
  const token = resumeTokenIn(extensions);
  return typeof token === 'string' ? token : undefined;
}
