/** The embedded default: one process, so publishing is delivering (on the next tick, batched). */
import { batchPerTick } from './batchKeys.js';
import type { BusListener, InvalidationBus } from './types.js';

/** Creates a bus that delivers to this process only. */
export function createInProcessBus(): InvalidationBus {
  const listeners = new Set<BusListener>();
  const batch = batchPerTick((keys) => {
    for (const listener of listeners) listener(keys);
  });
  return {
    kind: 'in-process',
    publish: (keys) => batch.push(keys),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect: () => () => {},
    isReady: () => true,
    async close() {
      batch.drain();
      listeners.clear();
    },
  };
}
