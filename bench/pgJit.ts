/**
 * One write's latency with PostgreSQL's JIT on (the server's default) and off, side by side: the
 * change-feed trigger `livedoc_changed()` runs with `enable_nestloop = off`, which can price its
 * query over `jit_above_cost`, and then every write compiles it with LLVM. Each round is a fresh
 * database and one instance (Redis bus, as the soak runs it); the writes are sequential title updates
 * of one document over HTTP. Off is set with `PGOPTIONS=-c jit=off` in the server's environment.
 *
 *   npx tsx bench/pgJit.ts [--writes=20] [--rounds=2]   → bench/results/pg-jit.json
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { withAdminClient, createTempDatabase } from '../test/support/postgres.js';
import { REDIS_URL } from '../test/support/redis.js';
import { startServerProcess } from '../test/support/serverProcess.js';
import { idOf, postGraphQL } from './fanout/graphqlHttp.js';
import { distribution, ratio } from './fanout/stats.js';
import { createTokens, WRITER_ID } from './soak/viewers.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const text = args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1_000) throw new Error(`--${name} expects an integer from 1 to 1000, but got ${JSON.stringify(text)}.`);
  return value;
};
const writes = option('writes', 20);
const rounds = option('rounds', 2);
const authorization = `Bearer ${await createTokens(3_600_000)(WRITER_ID)}`;

/** Latencies (ms) of `writes` sequential title updates on a fresh database and instance. */
async function measure(pgOptions: string): Promise<number[]> {
  const database = await createTempDatabase();
  const server = await startServerProcess({ DATABASE_URL: database.url, BUS: 'redis', REDIS_URL, NODE_ENV: 'production', LOG_LEVEL: 'warn', PGOPTIONS: pgOptions });
  try {
    const created = await postGraphQL(server.httpUrl, 'mutation { createDocument(input: { title: "jit" }) { id } }', {}, authorization);
    const id = idOf(created, 'createDocument');
    const latencies: number[] = [];
    for (let i = 0; i < writes; i++) {
      const started = performance.now();
      await postGraphQL(server.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: `t${i}` }, authorization);
      latencies.push(performance.now() - started);
    }
    return latencies;
  } finally {
    await server.stop();
    await database.drop();
  }
}

const settings = await withAdminClient(async (client) => (await client.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('jit', 'jit_above_cost', 'server_version')`)).rows);
const samples = { on: [] as number[], off: [] as number[] };
for (let round = 0; round < rounds; round++) {
  samples.on.push(...(await measure('')));
  samples.off.push(...(await measure('-c jit=off')));
}
const on = distribution(samples.on);
const off = distribution(samples.off);
const report = {
  command: `npx tsx bench/pgJit.ts${args.length ? ` ${args.join(' ')}` : ''}`,
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  postgres: Object.fromEntries(settings.map((s) => [s.name, s.setting])),
  note: 'HTTP updateDocument (title) latency, ms, sequential, one instance on PostgreSQL with the Redis bus; rounds alternate jit on / off',
  jitOn: on,
  jitOff: off,
  ratioOnOverOff: { p50: ratio(on.p50, off.p50), p90: ratio(on.p90, off.p90) },
};
console.log(`jit on: p50 ${on.p50} ms, p90 ${on.p90} ms; jit off: p50 ${off.p50} ms, p90 ${off.p90} ms; on/off p50 ${report.ratioOnOverOff.p50}×`);
await writeFile(new URL('./results/pg-jit.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
