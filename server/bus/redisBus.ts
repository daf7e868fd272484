/**
 * Invalidations over Redis pub/sub (ioredis), for write rates where NOTIFY becomes the bottleneck.
 * Two connections (a subscribed connection cannot publish); both reconnect with capped backoff, and a
 * re-established subscription is reported so the consumer re-executes what it may have missed.
 *
 * Redis may be away: this instance's own keys reach its own listeners at once, not through Redis
 * (their echo is recognised and dropped), and nothing is queued for Redis while it is away — a
 * publish that cannot go out is dropped, and once the publisher is back one `*` tells every other
 * instance that it may have missed something. Memory stays bounded however long the outage.
 */
import { Redis } from 'ioredis';
import { batchPerTick } from './batchKeys.js';
import { createBusListeners, sendInMessages } from './busListeners.js';
import { createEchoFilter } from './echoFilter.js';
import { ALL_KEYS } from '../keys/resourceKeys.js';
import type { InvalidationBus } from './types.js';

/** The default pub/sub channel. */
export const REDIS_CHANNEL = 'livedoc:invalidations';
/**
 * Redis has no small payload limit; bound messages anyway so one batch never blocks the connection.
 * Keys with rows past it go as keys alone (receivers read those objects back).
 */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  onError?: (error: unknown) => void;
  /** The pub/sub channel; default {@link REDIS_CHANNEL}. */
  channel?: string | undefined;
  /** Called with a received message that is not a bus message (it is dropped). */
  onMalformed?: (message: string) => void;
  /** Longest reconnect delay; default 2 s. */
  maxReconnectDelayMs?: number;
}

/** Connects to `url` (redis://…), subscribes, and resolves once subscribed. */
export async function createRedisBus(url: string, options: RedisBusOptions = {}): Promise<InvalidationBus> {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  const channel = options.channel ?? REDIS_CHANNEL;
  const connectionOptions = {
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, maxDelay),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    lazyConnect: true,
  };
  // Nothing waits in memory for a publisher that is away: see publishMessage.
  const publisher = new Redis(url, { ...connectionOptions, enableOfflineQueue: false, connectionName: 'livedoc-pub' });
  const subscriber = new Redis(url, { ...connectionOptions, connectionName: 'livedoc-sub' });
  const onError = (error: unknown) => options.onError?.(error);
  publisher.on('error', onError);
  subscriber.on('error', onError);

  const listeners = createBusListeners(options.onMalformed);
  const echoes = createEchoFilter();
  let subscribedOnce = false;
  let lost = false;
  /** A publish was dropped while the publisher was away: tell the others once it is back. */
  let dropped = false;

  subscriber.on('message', (_channel: string, message: string) => {
    if (!echoes.isEcho(message)) listeners.deliver(message);
  });
  subscriber.on('close', () => {
    if (subscribedOnce) lost = true;
  });
  // ioredis re-subscribes by itself after a reconnect and then emits 'ready'.
  subscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    echoes.clear();
    listeners.reconnected();
  });
  publisher.on('ready', () => {
    if (!dropped) return;
    dropped = false;
    publishMessage(JSON.stringify([ALL_KEYS]));
  });

  function publishMessage(message: string): void {
    if (publisher.status !== 'ready') {
      dropped = true;
      return;
    }
    echoes.expect(message);
    publisher.publish(channel, message).catch((error: unknown) => {
      echoes.forget(message);
      dropped = true;
      onError(error);
    });
  }

  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(channel);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }
  subscribedOnce = true;

  const batch = batchPerTick((keys, rows) => {
    listeners.deliverKeys(keys, rows);
    sendInMessages(keys, MAX_MESSAGE_BYTES, publishMessage, rows);
  });

  return {
    kind: 'redis',
    publish: (keys, rows) => batch.push(keys, rows),
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
