/**
 * Where writes reach the live engine, read top to bottom:
 *
 * 1. A mutation (or anyone with SQL: psql, a migration) writes; the store commits.
 * 2. The commit's triggers NOTIFY the keys it touched (`Document:<id>`, list keys), with the committed
 *    records of changed documents and rows where they fit; with embedded PGlite the store announces
 *    its own writes itself. Either way they come out of the store's change feed,
 *    `store.onChange(keys, records?)`, on every instance that reads that database.
 * 3. With Redis as the bus, this instance's own writes skip NOTIFY and travel over Redis instead
 *    ({@link ownWritesOverBus}), with the committed rows the triggers collected where the message
 *    stays under its bound (docs/protocol.md, "Bus messages"); writes by others still come through
 *    the change feed.
 * 4. The bus carries the rest from every instance: `invalidate(keys)` calls and those Redis writes.
 *    Its rows are input from the network: each is read by its type's reader (as the feed's are), and
 *    one that does not fit is dropped while its key still invalidates.
 * 5. Every invalidation passes {@link RecentRecords} first, with its source: the feed is in commit
 *    order, the bus is not (instances publish after their own commits), so a bus record is kept only
 *    where its version places it (recentRecords.ts); a key without a record loses its entry. No
 *    cached record outlives a change it did not carry. Then `engine.invalidate(keys)` re-runs the
 *    live queries that read those keys, re-resolving changed objects from those records; with the
 *    feed's records, value changes come with details ({@link valueChangeDetails}) that spare windows
 *    they cannot reach (the bus's, unordered, give none: every window they touch re-reads).
 * 6. A bus that reconnects has missed what was published meanwhile: anything may have changed, so
 *    the cache is dropped and every live query re-runs once (`engine.invalidateAll()`).
 */
import type { InvalidationBus } from '../bus/types.js';
import type { LiveQueryEngine } from '../live/liveQueryEngine.js';
import type { InvalidationMetrics } from '../metrics/transportMetrics.js';
import type { Logger } from '../runtime/logger.js';
import { readRecords } from '../store/changeFeed/changePayload.js';
import { RECORD_READERS } from '../store/recordReaders.js';
import type { WrittenKeysListener } from '../store/storeWrites.js';
import type { Store } from '../store/types.js';
import type { RecentRecords } from './recentRecords.js';
import { valueChangeDetails } from './valueChangeDetails.js';

/** What {@link connectInvalidation} connects. */
export interface InvalidationSources {
  store: Pick<Store, 'onChange'>;
  bus: Pick<InvalidationBus, 'kind' | 'subscribe' | 'onReconnect'>;
  engine: Pick<LiveQueryEngine, 'invalidate' | 'invalidateAll'>;
  recentRecords: RecentRecords;
  logger: Logger;
  /** Counts the batches that reach the engine, per source. */
  metrics?: Pick<InvalidationMetrics, 'received'>;
}

/** Feeds the store's change feed and the bus into the engine; returns the function that disconnects them. */
export function connectInvalidation({ store, bus, engine, recentRecords, logger, metrics }: InvalidationSources): () => void {
  // `engine.invalidate` notes the time the keys arrive: each update they cause carries it, and the
  // transports observe the delivery time from there (server/metrics/deliveryTimes.ts).
  const stopFeed = store.onChange((keys, records) => {
    metrics?.received('feed');
    recentRecords.observe(keys, records);
    engine.invalidate(keys, valueChangeDetails(keys, records));
  });
  const stopBus = bus.subscribe((keys, rows) => {
    metrics?.received('bus');
    const records = rows && readRecords(keys, rows, RECORD_READERS);
    recentRecords.observe(keys, records, 'bus');
    // Unlike the cache, value-change details need no order: each says what its own write committed,
    // and a window re-reads for any change that may reach it (valueWindowGuard.ts).
    engine.invalidate(keys, valueChangeDetails(keys, records));
  });
  const stopReconnect = bus.onReconnect(() => {
    logger.warn({ bus: bus.kind }, 'invalidation bus reconnected: re-executing every live query');
    recentRecords.clear();
    engine.invalidateAll();
  });
  return () => {
    stopFeed();
    stopBus();
    stopReconnect();
  };
}

/**
 * Where the store hands the keys and committed rows of this instance's writes (its `onWriteKeys`
 * option): with Redis, to the bus, which spares PostgreSQL a NOTIFY per write at high write rates (the
 * rows too unless `withRecords` is false); otherwise undefined, and they come back through the change
 * feed like everyone else's.
 */
export function ownWritesOverBus(bus: Pick<InvalidationBus, 'kind' | 'publish'>, withRecords = true): WrittenKeysListener | undefined {
  if (bus.kind !== 'redis') return undefined;
  return withRecords ? (keys, rows) => bus.publish(keys, rows) : (keys) => bus.publish(keys);
}
