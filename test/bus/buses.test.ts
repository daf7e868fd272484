import { afterEach, describe, expect, it } from 'vitest';
import { splitIntoMessages } from '../../server/bus/batchKeys.js';
import { parseKeyList } from '../../server/keys/resourceKeys.js';
import { createInProcessBus } from '../../server/bus/inProcessBus.js';
import { createPostgresBus, MAX_NOTIFY_BYTES } from '../../server/bus/postgresBus.js';
import { createRedisBus, REDIS_CHANNEL } from '../../server/bus/redisBus.js';
import type { InvalidationBus } from '../../server/bus/types.js';
import { openPgDb } from '../../server/db/pgDb.js';
import type { Db } from '../../server/db/db.js';
import { createTempDatabase, postgresAvailable, withAdminClient, type TempDatabase } from '../support/postgres.js';
import { REDIS_URL, redisAvailable, withRedis } from '../support/redis.js';
import { createQueue, waitFor } from '../support/waitFor.js';

const hasPostgres = await postgresAvailable();
const hasRedis = await redisAvailable();
const silent = { info() {}, warn() {}, error() {} };

describe('splitIntoMessages', () => {
  it('keeps every key, each message under the limit', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `Row:${'x'.repeat(20)}-${i}`);
    const { messages, oversized } = splitIntoMessages(keys, MAX_NOTIFY_BYTES);
    expect(oversized).toEqual([]);
    for (const m of messages) expect(Buffer.byteLength(m)).toBeLessThanOrEqual(MAX_NOTIFY_BYTES);
    expect(messages.flatMap((m) => parseKeyList(m) ?? [])).toEqual(keys);
  });
  it('reports a key too long for any message', () => {
    expect(splitIntoMessages(['a', 'é'.repeat(5000)], 100)).toEqual({ messages: ['["a"]'], oversized: ['é'.repeat(5000)] });
  });
  it('parseKeyList rejects what is not an array of strings', () => {
    expect(parseKeyList('nope')).toBeNull();
    expect(parseKeyList('{"a":1}')).toBeNull();
    expect(parseKeyList('["a",1,"b"]')).toEqual(['a', 'b']);
  });
});

/** The behaviour every adapter shares: two buses stand for two instances. */
function busSuite(name: string, open: () => Promise<InvalidationBus>) {
  describe(`${name} bus`, () => {
    const opened: InvalidationBus[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((b) => b.close()));
    });
    const bus = async () => {
      const b = await open();
      opened.push(b);
      return b;
    };

    it('delivers one batch per tick to every instance, the publisher included', async () => {
      const a = await bus();
      const b = name === 'in-process' ? a : await bus();
      const onA = createQueue<string[]>();
      const onB = createQueue<string[]>();
      a.subscribe((keys) => onA.push(keys));
      b.subscribe((keys) => onB.push(keys));
      a.publish(['Document:1']);
      a.publish(['Document:2', 'Document:1']);
      expect(await onB.take(3_000, 'batch on B')).toEqual(['Document:1', 'Document:2']);
      if (a !== b) expect(await onA.take(3_000, 'batch on A')).toEqual(['Document:1', 'Document:2']);
      expect(a.isReady()).toBe(true);
    });

    it('splits a huge batch and loses no key', async () => {
      const a = await bus();
      const b = name === 'in-process' ? a : await bus();
      const received = new Set<string>();
      b.subscribe((keys) => keys.forEach((k) => received.add(k)));
      const keys = Array.from({ length: 10_000 }, (_, i) => `Row:${i}`);
      a.publish(keys);
      await waitFor(() => received.size === keys.length, 5_000, 'all 10,000 keys');
    });
  });
}

busSuite('in-process', () => Promise.resolve(createInProcessBus()));

describe.skipIf(!hasPostgres)('postgres', () => {
  let database: TempDatabase | undefined;
  const dbs: Db[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.close()));
    await database?.drop();
    database = undefined;
  });
  busSuite('postgres', async () => {
    database ??= await createTempDatabase();
    const db = await openPgDb(database.url, { logger: silent, applicationName: 'livedoc-bus-test', reconnectInitialMs: 20 });
    dbs.push(db);
    return createPostgresBus(db);
  });

  it('reports a reconnect after its LISTEN connection was killed, then delivers again', async () => {
    const temp = (database = await createTempDatabase());
    const db = await openPgDb(temp.url, { logger: silent, applicationName: 'livedoc-bus-kill', reconnectInitialMs: 20 });
    dbs.push(db);
    const bus = await createPostgresBus(db);
    const reconnected = createQueue<true>();
    bus.onReconnect(() => reconnected.push(true));
    const got = createQueue<string[]>();
    bus.subscribe((keys) => got.push(keys));
    await withAdminClient((admin) =>
      admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'livedoc-bus-kill-listener'`, [temp.name]),
    );
    await reconnected.take(5_000, 'the reconnect');
    bus.publish(['Document:after']);
    expect(await got.take(3_000, 'a batch after the reconnect')).toEqual(['Document:after']);
    await bus.close();
  });
});

describe.skipIf(!hasRedis)('redis', () => {
  busSuite('redis', () => createRedisBus(REDIS_URL, { maxReconnectDelayMs: 100 }));

  it('reports a reconnect after CLIENT KILL of its connections, then delivers again', async () => {
    const bus = await createRedisBus(REDIS_URL, { maxReconnectDelayMs: 100 });
    try {
      const reconnected = createQueue<true>();
      bus.onReconnect(() => reconnected.push(true));
      const got = createQueue<string[]>();
      bus.subscribe((keys) => got.push(keys));
      await withRedis((admin) => admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub'));
      await reconnected.take(5_000, 'the reconnect');
      await waitFor(() => bus.isReady(), 5_000, 'bus ready');
      bus.publish(['Document:after']);
      expect(await got.take(3_000, 'a batch after the reconnect')).toEqual(['Document:after']);
      expect(REDIS_CHANNEL).toBe('livedoc:invalidations');
    } finally {
      await bus.close();
    }
  });
});
