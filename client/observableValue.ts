/** A tiny observable value, for indicators (e.g. React's useSyncExternalStore). */

/** Read-only view of a value. */
export interface ObservableValue<T> {
  get(): T;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (value: T) => void): () => void;
}

/** An {@link ObservableValue} its owner can set. */
export interface WritableValue<T> extends ObservableValue<T> {
  set(value: T): void;
}

/** Creates the value, starting at `initial`; setting an equal value notifies nobody. */
export function createObservableValue<T>(initial: T): WritableValue<T> {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      if (next === current) return;
      current = next;
      for (const listener of [...listeners]) listener(current);
    },
  };
}
