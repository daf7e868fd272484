/**
 * The Redis bus while Redis is away, against a redis-server of this test's own (the shared one stays
 * up for the other suites): own keys still reach their own listeners at once, nothing is queued for
 * Redis, and after Redis returns every instance is told to re-run and delivery resumes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisBus } from '../../server/bus/redisBus.js';
import type { InvalidationBus } from '../../server/bus/types.js';
import { redisAvailable } from '../support/redis.js';
import { createQueue, waitFor } from '../support/waitFor.js';

const hasRedis = await redisAvailable();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server on `port` and resolves once it answers PING. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  try {
    await waitFor(async () => {
      try {
        if (probe.status !== 'ready') await probe.connect();
        await probe.ping();
        return true;
      } catch {
        probe.disconnect();
        return false;
      }
    }, 10_000, `redis-server on port ${port}`);
  } finally {
    probe.disconnect();
  }
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!hasRedis)('redis bus during a Redis outage', () => {
  it('delivers own keys locally at once, queues nothing, and resumes with a re-run after Redis returns', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    cleanups.push(() => stopRedis(redis));
    const url = `redis://127.0.0.1:${port}`;
    const buses: InvalidationBus[] = [];
    for (let i = 0; i < 2; i++) buses.push(await createRedisBus(url, { maxReconnectDelayMs: 100, onError: () => {} }));
    cleanups.push(async () => {
      await Promise.all(buses.map((b) => b.close()));
    });
    const [a, b] = buses as [InvalidationBus, InvalidationBus];
    const onA = createQueue<string[]>();
    const onB = createQueue<string[]>();
    a.subscribe((keys) => onA.push(keys));
    b.subscribe((keys) => onB.push(keys));
    const seenA = new Set<string>();
    const seenB = new Set<string>();
    a.subscribe((keys) => keys.forEach((k) => seenA.add(k)));
    b.subscribe((keys) => keys.forEach((k) => seenB.add(k)));
    const reconnectedB = createQueue<true>();
    b.onReconnect(() => reconnectedB.push(true));

    // Own keys once (not again as Redis's echo), others' keys through Redis.
    a.publish(['Document:1']);
    expect(await onA.take(3_000, 'own keys on A')).toEqual(['Document:1']);
    expect(await onB.take(3_000, 'A\'s keys on B')).toEqual(['Document:1']);
    b.publish(['Document:2']);
    // Redis keeps the channel's order: an echo of Document:1 would have come first.
    expect(await onA.take(3_000, 'B\'s keys on A')).toEqual(['Document:2']);

    await stopRedis(redis);
    await waitFor(() => !a.isReady(), 5_000, 'A sees Redis gone');
    for (let i = 0; i < 1_000; i++) a.publish([`Row:${i}`]);
    await waitFor(() => Array.from({ length: 1_000 }, (_, i) => `Row:${i}`).every((k) => seenA.has(k)), 3_000, 'every own key delivered locally while Redis is away');
    expect(seenB.has('Row:0')).toBe(false);

    redis = await startRedis(port);
    await reconnectedB.take(10_000, 'B re-subscribed (and re-runs everything)');
    await waitFor(() => a.isReady() && b.isReady(), 10_000, 'both buses ready again');
    a.publish(['Document:after']);
    await waitFor(() => seenB.has('Document:after'), 3_000, 'delivery resumed');
  }, 60_000);
});
