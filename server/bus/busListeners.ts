/** The listener bookkeeping every bus adapter shares. */
import { ALL_KEYS, parseKeyList } from '../keys/resourceKeys.js';
import { splitIntoMessages } from './batchKeys.js';
import type { BusListener, InvalidationBus } from './types.js';

/** Subscribers of one bus, and the two events adapters raise: a message arrived, the connection came back. */
export function createBusListeners(): Pick<InvalidationBus, 'subscribe' | 'onReconnect'> & {
  /** Hands a received message to every subscriber; a message that is not a non-empty key list is ignored. */
  deliver: (message: string) => void;
  /** Hands keys to every subscriber. */
  deliverKeys: (keys: string[]) => void;
  /** Tells every reconnect listener that messages may have been missed. */
  reconnected: () => void;
  /** Forgets every subscriber and reconnect listener. */
  clear: () => void;
} {
  const listeners = new Set<BusListener>();
  const reconnectListeners = new Set<() => void>();
  const deliverKeys = (keys: string[]) => {
    for (const listener of listeners) listener(keys);
  };
  return {
    deliver(message) {
      const keys = parseKeyList(message);
      if (keys && keys.length > 0) deliverKeys(keys);
    },
    deliverKeys,
    reconnected() {
      for (const listener of reconnectListeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    clear() {
      listeners.clear();
      reconnectListeners.clear();
    },
  };
}

/**
 * Sends `keys` as messages of at most `maxBytes`; a key too long for any message is widened to
 * "everything" (`*`), never dropped.
 */
export function sendInMessages(keys: readonly string[], maxBytes: number, send: (message: string) => void): void {
  const { messages, oversized } = splitIntoMessages(keys, maxBytes);
  if (oversized.length > 0) messages.push(JSON.stringify([ALL_KEYS]));
  for (const message of messages) send(message);
}
