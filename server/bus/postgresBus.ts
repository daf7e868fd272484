/**
 * Invalidations over PostgreSQL LISTEN/NOTIFY: no extra service when instances share a database.
 * Uses its own channel (the store's change feed has `livedoc_changes`), so a key is delivered once.
 */
import type { Db } from '../store/db.js';
import { batchPerTick, parseKeys, splitIntoMessages } from './batchKeys.js';
import type { BusListener, InvalidationBus } from './types.js';

/** The NOTIFY channel of application-level invalidations. */
export const BUS_CHANNEL = 'livedoc_invalidations';
/** NOTIFY payloads must stay under 8,000 bytes; keep a margin. */
export const MAX_NOTIFY_BYTES = 7_500;

/** Options of {@link createPostgresBus}. */
export interface PostgresBusOptions {
  onError?: (error: unknown) => void;
}

/** Creates a bus on `db` (whose LISTEN connection reconnects by itself) and starts listening. */
export async function createPostgresBus(db: Db, options: PostgresBusOptions = {}): Promise<InvalidationBus> {
  const listeners = new Set<BusListener>();
  const reconnectListeners = new Set<() => void>();
  const unlisten = await db.listen(BUS_CHANNEL, (payload) => {
    const keys = parseKeys(payload);
    if (!keys || keys.length === 0) return;
    for (const listener of listeners) listener(keys);
  });
  const stopWatching = db.onConnectionChange((ready) => {
    if (ready) for (const listener of reconnectListeners) listener();
  });
  const batch = batchPerTick((keys) => {
    const { messages, oversized } = splitIntoMessages(keys, MAX_NOTIFY_BYTES);
    // A key that cannot fit a NOTIFY is widened to "everything", never dropped.
    if (oversized.length > 0) messages.push('["*"]');
    for (const message of messages) {
      db.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, message]).catch((error: unknown) => options.onError?.(error));
    }
  });
  return {
    kind: 'postgres',
    publish: (keys) => batch.push(keys),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    isReady: () => db.isReady(),
    async close() {
      batch.drain();
      stopWatching();
      listeners.clear();
      reconnectListeners.clear();
      await unlisten();
    },
  };
}
