/**
 * Write → patch latency through another instance: the mutation goes to instance A over HTTP, the
 * watchers are on instance B. Compared side by side: one instance (write and watch on A), two
 * instances with the Postgres bus, two with the Redis bus. All on one local PostgreSQL.
 *
 *   npx tsx bench/crossInstance.ts [--quick]   → bench/results/cross-instance.json
 */
import { writeFile } from 'node:fs/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTempDatabase } from '../test/support/postgres.js';
import { REDIS_URL } from '../test/support/redis.js';
import { startServerProcess } from '../test/support/serverProcess.js';

const quick = process.argv.includes('--quick');
const WRITES = quick ? 50 : 300;
const WATCHERS = 50;
const SPACING_MS = 10;

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 100) / 100;

async function scenario(name: string, instances: 1 | 2, bus: 'postgres' | 'redis') {
  const database = await createTempDatabase();
  const env = { DATABASE_URL: database.url, BUS: bus, REDIS_URL, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const a = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
  const b = instances === 2 ? await startServerProcess({ ...env, LOG_LEVEL: 'info' }) : a;
  try {
    const { createDocument } = await post(a.httpUrl, 'mutation { createDocument(input: { title: "bench" }) { id } }', {});
    const id = createDocument!.id;
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const clients = Array.from({ length: WATCHERS }, () => createClient({ url: b.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }));
    await Promise.all(
      clients.map(
        (client) =>
          new Promise<void>((resolve, reject) => {
            let first = true;
            client.subscribe<unknown>(
              { query: 'query($id: ID!) @live { document(id: $id) { title } }', variables: { id } },
              {
                next(message) {
                  if (first) return void ((first = false), resolve());
                  const now = performance.now();
                  for (const op of (message as unknown as { patch?: { value?: unknown }[] }).patch ?? []) {
                    const sent = typeof op.value === 'string' ? sentAt.get(op.value) : undefined;
                    if (sent !== undefined) latencies.push(now - sent);
                  }
                },
                error: reject,
                complete: () => {},
              },
            );
          }),
      ),
    );
    const started = performance.now();
    for (let i = 0; i < WRITES && performance.now() - started < 60_000; i++) {
      const title = `w${i}`;
      sentAt.set(title, performance.now());
      await post(a.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: title });
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
    }
    const expected = sentAt.size * WATCHERS;
    const until = performance.now() + 10_000;
    while (latencies.length < expected && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
    await Promise.all(clients.map((c) => c.dispose()));
    const sorted = latencies.sort((x, y) => x - y);
    return { name, instances, bus, watchers: WATCHERS, writes: sentAt.size, delivered: latencies.length, expected, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
  }
}

const results = [];
for (const [name, instances, bus] of [
  ['single instance', 1, 'postgres'],
  ['A → B, Postgres bus', 2, 'postgres'],
  ['A → B, Redis bus', 2, 'redis'],
] as const) {
  const r = await scenario(name, instances, bus);
  console.log(`${name.padEnd(22)} p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.delivered}/${r.expected} patches)`);
  results.push(r);
}
const single = results[0]!;
const report = {
  command: `npx tsx bench/crossInstance.ts${quick ? ' --quick' : ''}`,
  date: new Date().toISOString(),
  node: process.version,
  note: 'latency = HTTP mutation sent to instance A → patch received on a watcher of instance B (PostgreSQL 15 local, Redis 7 local)',
  results,
  ratiosToSingle: results.map((r) => ({ name: r.name, p50: round(r.p50 / single.p50), p99: round(r.p99 / single.p99) })),
};
await writeFile(new URL('./results/cross-instance.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
