/**
 * The invalidation bus: carries resource keys between server instances. Database writes reach every
 * instance on the same database through the store's change feed; the bus carries what the feed does
 * not: `invalidate(keys)` calls of application code, and (Redis) the keys of this instance's writes.
 */

import type { BusRows } from './busMessage.js';

/**
 * Receives keys published by any instance, this one included, and the committed rows of some of
 * them (unchecked: read each by its type before use).
 */
export type BusListener = (keys: string[], rows?: BusRows) => void;

/** One small interface, three adapters: in-process, PostgreSQL NOTIFY, Redis pub/sub. */
export interface InvalidationBus {
  readonly kind: 'in-process' | 'postgres' | 'redis';
  /**
   * Publishes keys to every instance. Keys published in the same tick are batched into one message;
   * a batch too large for one message is split, never dropped. `rows` (the committed rows of some
   * keys) travel with them where the bus carries rows (Redis) and they fit in a message; elsewhere,
   * or past the bound, the keys go alone.
   */
  publish(keys: readonly string[], rows?: BusRows): void;
  /** Subscribes to every published batch. */
  subscribe(listener: BusListener): () => void;
  /**
   * Called after the bus connection came back: batches published meanwhile were missed, so the
   * consumer must assume anything may have changed (re-execute every live query once).
   */
  onReconnect(listener: () => void): () => void;
  /** True while connected. */
  isReady(): boolean;
  close(): Promise<void>;
}
