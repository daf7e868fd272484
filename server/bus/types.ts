/**
 * The invalidation bus: carries resource keys between server instances. Database writes reach every
 * instance on the same database through the store's change feed; the bus carries what the feed does
 * not: `invalidate(keys)` calls of application code, and (Redis) the keys of this instance's writes.
 */

/** Receives keys published by any instance, this one included. */
export type BusListener = (keys: string[]) => void;

/** One small interface, three adapters: in-process, PostgreSQL NOTIFY, Redis pub/sub. */
export interface InvalidationBus {
  readonly kind: 'in-process' | 'postgres' | 'redis';
  /**
   * Publishes keys to every instance. Keys published in the same tick are batched into one message;
   * a batch too large for one message is split, never dropped.
   */
  publish(keys: readonly string[]): void;
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
