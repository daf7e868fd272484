/**
 * Write → patch latency through another instance: the mutation goes to instance A over HTTP, the
 * watchers are on instance B. Compared side by side: one instance (write and watch on A), two
 * instances with the Postgres bus, two with the Redis bus. All on one local PostgreSQL.
 *
 *   npx tsx bench/crossInstance.ts [--quick]   → bench/results/cross-instance.json
 */
import { writeFile } from 'node:fs/promises';
import { createTempDatabase } from '../test/support/postgres.js';
import { REDIS_URL } from '../test/support/redis.js';
import { startServerProcess } from '../test/support/serverProcess.js';
import { measureLatency } from './liveLatency.js';
import { LOAD_GENERATOR_LIMITS } from './loadGeneratorLimits.js';

const quick = process.argv.includes('--quick');
const WRITES = quick ? 50 : 300;
const WATCHERS = 50;
const SPACING_MS = 10;

const round = (n: number) => Math.round(n * 100) / 100;

async function scenario(name: string, instances: 1 | 2, bus: 'postgres' | 'redis') {
  const database = await createTempDatabase();
  const env = { DATABASE_URL: database.url, BUS: bus, REDIS_URL, NODE_ENV: 'production', ...LOAD_GENERATOR_LIMITS };
  const a = await startServerProcess(env);
  const b = instances === 2 ? await startServerProcess(env) : a;
  try {
    const r = await measureLatency({ writeUrl: a.httpUrl, watchUrl: b.wsUrl, watchers: WATCHERS, writes: WRITES, spacingMs: SPACING_MS, deadlineMs: 60_000 });
    return { name, instances, bus, ...r, p50: r.latencyMs.p50, p99: r.latencyMs.p99 };
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
