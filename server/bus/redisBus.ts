/**
 * Invalidations over Redis pub/sub (ioredis), for write rates where NOTIFY becomes the bottleneck.
 * Two connections (a subscribed connection cannot publish); both reconnect with capped backoff, and a
 * re-established subscription is reported so the consumer re-executes what it may have missed.
 */
import { Redis } from 'ioredis';
import { batchPerTick } from './batchKeys.js';
import { createBusListeners, sendInMessages } from './busListeners.js';
import type { InvalidationBus } from './types.js';

/** The pub/sub channel. */
export const REDIS_CHANNEL = 'livedoc:invalidations';
/** Redis has no small payload limit; bound messages anyway so one batch never blocks the connection. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  onError?: (error: unknown) => void;
  /** Longest reconnect delay; default 2 s. */
  maxReconnectDelayMs?: number;
}

/** Connects to `url` (redis://…), subscribes, and resolves once subscribed. */
export async function createRedisBus(url: string, options: RedisBusOptions = {}): Promise<InvalidationBus> {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  const connectionOptions = {
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, maxDelay),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    lazyConnect: true,
  };
  const publisher = new Redis(url, { ...connectionOptions, connectionName: 'livedoc-pub' });
  const subscriber = new Redis(url, { ...connectionOptions, connectionName: 'livedoc-sub' });
  const onError = (error: unknown) => options.onError?.(error);
  publisher.on('error', onError);
  subscriber.on('error', onError);

  const listeners = createBusListeners();
  let subscribedOnce = false;
  let lost = false;

  subscriber.on('message', (_channel: string, message: string) => listeners.deliver(message));
  subscriber.on('close', () => {
    if (subscribedOnce) lost = true;
  });
  // ioredis re-subscribes by itself after a reconnect and then emits 'ready'.
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    listeners.reconnected();
  });

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(REDIS_CHANNEL);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }
  subscribedOnce = true;

  const batch = batchPerTick((keys) =>
    sendInMessages(keys, MAX_MESSAGE_BYTES, (message) => {
      publisher.publish(REDIS_CHANNEL, message).catch(onError);
    }),
  );

  return {
    kind: 'redis',
    publish: (keys) => batch.push(keys),
    subscribe: listeners.subscribe,
    onReconnect: listeners.onReconnect,
    isReady: () => publisher.status === 'ready' && subscriber.status === 'ready',
    async close() {
      batch.drain();
      listeners.clear();
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
