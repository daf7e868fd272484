/**
 * Invalidations over PostgreSQL LISTEN/NOTIFY: no extra service when instances share a database.
 * Uses its own channel (the store's change feed has `livedoc_changes`), so a key is delivered once.
 * It carries keys alone: with this bus, writes reach every instance through the change feed, with
 * their records; what is published here are `invalidate(keys)` calls.
 */
import type { Db } from '../db/db.js';
import { batchPerTick } from './batchKeys.js';
import { createBusListeners, sendInMessages } from './busListeners.js';
import type { InvalidationBus } from './types.js';

/** The NOTIFY channel of application-level invalidations. */
export const BUS_CHANNEL = 'livedoc_invalidations';
/** NOTIFY payloads must stay under 8,000 bytes; keep a margin. */
export const MAX_NOTIFY_BYTES = 7_500;

/** Options of {@link createPostgresBus}. */
export interface PostgresBusOptions {
  onError?: (error: unknown) => void;
  /** Called with a received payload that is not a bus message (it is dropped). */
  onMalformed?: (message: string) => void;
}

/** Creates a bus on `db` (whose LISTEN connection reconnects by itself) and starts listening. */
export async function createPostgresBus(db: Db, options: PostgresBusOptions = {}): Promise<InvalidationBus> {
  const listeners = createBusListeners(options.onMalformed);
  const unlisten = await db.listen(BUS_CHANNEL, listeners.deliver);
  const stopWatching = db.onConnectionChange((ready) => {
    if (ready) listeners.reconnected();
  });
  const batch = batchPerTick((keys) =>
    sendInMessages(keys, MAX_NOTIFY_BYTES, (message) => {
      db.query('SELECT pg_notify($1, $2)', [BUS_CHANNEL, message]).catch((error: unknown) => options.onError?.(error));
    }),
  );
  return {
    kind: 'postgres',
    publish: (keys) => batch.push(keys),
    subscribe: listeners.subscribe,
    onReconnect: listeners.onReconnect,
    isReady: () => db.isReady(),
    async close() {
      batch.drain();
      stopWatching();
      listeners.clear();
      await unlisten();
    },
  };
}
