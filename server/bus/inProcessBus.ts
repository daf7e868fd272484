/** The embedded default: one process, so publishing is delivering (on the next tick, batched). */
import { batchPerTick } from './batchKeys.js';
import { createBusListeners } from './busListeners.js';
import type { InvalidationBus } from './types.js';

/** Creates a bus that delivers to this process only. */
export function createInProcessBus(): InvalidationBus {
  const listeners = createBusListeners();
  const batch = batchPerTick(listeners.deliverKeys);
  return {
    kind: 'in-process',
    publish: (keys, rows) => batch.push(keys, rows),
    subscribe: listeners.subscribe,
    onReconnect: listeners.onReconnect,
    isReady: () => true,
    // A promise as an async function's: a throwing listener rejects it.
    close: () =>
      new Promise<void>((resolve) => {
        batch.drain();
        listeners.clear();
        resolve();
      }),
  };
}
