/**
 * Adapts an engine subscription to an AsyncIterable, the shape graphql-ws and GraphQL servers expect
 * from `execute`/`subscribe`. `return()` (client `complete`, socket close) ends the subscription.
 */
import type { LiveQueryEngine, LiveQueryRequest } from './liveQueryEngine.js';
import type { LiveResult } from './liveResult.js';

/** Subscribes to `request` and yields its live results until `return()` or engine shutdown. */
export function liveIterable(engine: LiveQueryEngine, request: LiveQueryRequest): AsyncIterableIterator<LiveResult> {
  const buffer: LiveResult[] = [];
  let waiting: ((step: IteratorResult<LiveResult>) => void) | undefined;
  let done = false;

  const finish = (): IteratorResult<LiveResult> => {
    done = true;
    buffer.length = 0;
    unsubscribe();
    const resolve = waiting;
    waiting = undefined;
    resolve?.({ value: undefined, done: true });
    return { value: undefined, done: true };
  };

  const unsubscribe = engine.subscribe(request, {
    next(result) {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: result, done: false });
      } else {
        buffer.push(result);
      }
    },
    complete: finish,
  });

  return {
    next() {
      const value = buffer.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      return Promise.resolve(finish());
    },
    throw(error: unknown) {
      finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
