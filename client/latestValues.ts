/**
 * Adapts a push source to an AsyncIterableIterator that holds only the newest unread value. Each value
 * is a full state, so a slow consumer may skip intermediate states without ever missing the latest.
 */

/** Callbacks a source pushes into. */
export interface PushSink<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}

/** Starts `start` right away; `return()` (e.g. leaving a for-await loop) calls the function it returned. */
export function latestValues<T>(start: (sink: PushSink<T>) => () => void): AsyncIterableIterator<T> {
  let pending: { value: T } | undefined;
  let failure: { error: unknown } | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const stop = start({
    next(value) {
      if (done) return;
      pending = { value };
      notify();
    },
    error(error) {
      if (done) return;
      failure = { error };
      done = true;
      notify();
    },
    complete() {
      done = true;
      notify();
    },
  });

  const finish = (): IteratorResult<T> => {
    done = true;
    pending = undefined;
    stop();
    notify();
    return { value: undefined, done: true };
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        if (pending) {
          const { value } = pending;
          pending = undefined;
          return { value, done: false };
        }
        if (failure) {
          const { error } = failure;
          failure = undefined;
          throw error;
        }
        if (done) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    return(): Promise<IteratorResult<T>> {
      // The executor turns a throwing stop() into a rejection, as an async method would.
      return new Promise((resolve) => {
        resolve(finish());
      });
    },
  };
}
