/** The listener bookkeeping every bus adapter shares. */
import { ALL_KEYS } from '../keys/resourceKeys.js';
import { splitIntoMessages } from './batchKeys.js';
import { parseBusMessage, serializeWithRows, type BusRows } from './busMessage.js';
import type { BusListener, InvalidationBus } from './types.js';

/** Subscribers of one bus, and the two events adapters raise: a message arrived, the connection came back. */
export function createBusListeners(onMalformed?: (message: string) => void): Pick<InvalidationBus, 'subscribe' | 'onReconnect'> & {
  /**
   * Hands a received message ({@link parseBusMessage}) to every subscriber; one that is neither form
   * goes to `onMalformed` instead.
   */
  deliver: (message: string) => void;
  /** Hands keys (and rows of some of them) to every subscriber. */
  deliverKeys: (keys: string[], rows?: BusRows) => void;
  /** Tells every reconnect listener that messages may have been missed. */
  reconnected: () => void;
  /** Forgets every subscriber and reconnect listener. */
  clear: () => void;
} {
  const listeners = new Set<BusListener>();
  const reconnectListeners = new Set<() => void>();
  const deliverKeys = (keys: string[], rows?: BusRows) => {
    for (const listener of listeners) listener(keys, rows);
  };
  return {
    deliver(message) {
      const parsed = parseBusMessage(message);
      if (parsed) deliverKeys(parsed.keys, parsed.rows);
      else onMalformed?.(message);
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
 * Sends `keys` as messages of at most `maxBytes`: with `rows` in one message when they fit, else the
 * keys alone; a key too long for any message is widened to "everything" (`*`), never dropped.
 */
export function sendInMessages(keys: readonly string[], maxBytes: number, send: (message: string) => void, rows?: BusRows): void {
  const withRows = rows && serializeWithRows(keys, rows, maxBytes);
  if (withRows) {
    send(withRows);
    return;
  }
  const { messages, oversized } = splitIntoMessages(keys, maxBytes);
  if (oversized.length > 0) messages.push(JSON.stringify([ALL_KEYS]));
  for (const message of messages) send(message);
}
