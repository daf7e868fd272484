/**
 * Scale across instances: three compiled instances on one PostgreSQL with the Redis bus, W watchers of
 * the same document on each (3W), writes through the first; side by side in the same run with one
 * instance and W watchers, and with three instances whose bus carries keys alone (BUS_RECORDS=false:
 * every instance reads the document back, as before records travelled on the bus). Per write: the delay from sending the mutation to each watcher's patch
 * (p50/p99 per instance and over all), the statements every instance's store sent
 * (`livedoc_store_statements_total`) and its CPU time. Watchers live in one child process per
 * instance (bench/instances/watcherProcess.ts).
 *
 *   npm run bench:instances [-- --quick]   → bench/results/scale-instances[-quick].json
 *   (W = 5,000, 30 writes 1.5 s apart; --quick: W = 1,000, 15 writes 0.4 s apart)
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { bearer } from '../test/support/auth.js';
import { createTempDatabase } from '../test/support/postgres.js';
import { REDIS_URL } from '../test/support/redis.js';
import { startServerProcess, type ServerProcess } from '../test/support/serverProcess.js';
import { COMPILED_ENTRIES, compileServers } from './compiledServers.js';
import { cpuTicks, clockTicksPerSecond } from './fanout/procStats.js';
import { distribution, ratio, round, sleep } from './fanout/stats.js';
import { startWatchers, type WatcherGroup } from './instances/watcherFleet.js';
import { epochMs } from './instances/epochMs.js';
import { post } from './liveLatency.js';
import { LOAD_GENERATOR_LIMITS } from './loadGeneratorLimits.js';

const quick = process.argv.includes('--quick');
const WATCHERS = quick ? 1_000 : 5_000;
const WRITES = quick ? 15 : 30;
const WARMUP = 3;
/**
 * Long enough for every write's fan-out (three instances and their watchers on two shared cores) to
 * finish before the next: each write is measured alone, not queued behind the previous one.
 */
const SPACING_MS = quick ? 400 : 1_500;
const METRICS_TOKEN = 'bench-scale-instances-token';
const TICKS = clockTicksPerSecond();

async function storeStatements(server: ServerProcess): Promise<number> {
  const response = await fetch(server.httpUrl.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const match = /^livedoc_store_statements_total (\d+)/m.exec(await response.text());
  if (!match?.[1]) throw new Error('no livedoc_store_statements_total in /metrics');
  return Number(match[1]);
}

/** Statements and CPU milliseconds of every server at one moment. */
async function snapshot(servers: readonly ServerProcess[]) {
  return Promise.all(servers.map(async (s) => ({ statements: await storeStatements(s), cpuMs: (cpuTicks(s.pid) * 1000) / TICKS })));
}

async function writeAll(url: string, id: string, writer: string, onMeasured: () => Promise<void>): Promise<void> {
  for (let i = 0; i < WARMUP + WRITES; i++) {
    if (i === WARMUP) await onMeasured();
    const title = `w${i}@${epochMs()}`;
    await post(url, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: title }, writer);
    await sleep(SPACING_MS);
  }
}

async function scenario(name: string, instances: number, busRecords = true) {
  const database = await createTempDatabase();
  const env = {
    BUS_RECORDS: String(busRecords),
    DATABASE_URL: database.url,
    BUS: 'redis',
    REDIS_URL,
    REDIS_CHANNEL: `livedoc:bench:${randomUUID()}`,
    NODE_ENV: 'production',
    METRICS_TOKEN,
    LOG_LEVEL: 'warn',
    ...LOAD_GENERATOR_LIMITS,
  };
  const servers: ServerProcess[] = [];
  const groups: WatcherGroup[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startServerProcess(env, 60_000, { entry: COMPILED_ENTRIES.livedoc }));
    const writeUrl = servers[0]!.httpUrl;
    const writer = await bearer('bench-writer');
    const { createDocument } = await post(writeUrl, 'mutation { createDocument(input: { title: "bench" }) { id } }', {}, writer);
    const id = createDocument!.id;
    await post(writeUrl, 'mutation($id: ID!) { setDocumentVisibility(id: $id, visibility: PUBLIC) { id } }', { id }, writer);
    for (const server of servers) groups.push(await startWatchers(server.wsUrl, id, WATCHERS, WARMUP));
    let before: Awaited<ReturnType<typeof snapshot>> = [];
    await writeAll(writeUrl, id, writer, async () => void (before = await snapshot(servers)));
    const results = await Promise.all(groups.map((g) => g.finish(WRITES, 30_000)));
    const after = await snapshot(servers);
    const perInstance = servers.map((_, i) => ({
      instance: i === 0 ? 'A (writes)' : String.fromCharCode(65 + i),
      ...latencyOf(results[i]!.latencies),
      delivered: results[i]!.deliveries,
      expected: WRITES * WATCHERS,
      statementsPerWrite: round((after[i]!.statements - before[i]!.statements) / WRITES),
      cpuMsPerWrite: round((after[i]!.cpuMs - before[i]!.cpuMs) / WRITES),
      subscribeAllMs: round(groups[i]!.subscribeMs),
      problems: results[i]!.problems,
    }));
    const all = latencyOf(results.flatMap((r) => r.latencies));
    const statementsPerWrite = round(perInstance.reduce((sum, r) => sum + (r.statementsPerWrite ?? 0), 0));
    return { name, instances, busRecords, watchersPerInstance: WATCHERS, writes: WRITES, ...all, statementsPerWrite, perInstance };
  } finally {
    for (const group of groups) group.kill();
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
}

function latencyOf(latencies: number[]) {
  const { p50, p99, max, count } = distribution(latencies);
  return { p50, p99, max, count };
}

compileServers();
const loadBefore = os.loadavg();
const one = await scenario(`one instance, ${WATCHERS} watchers`, 1);
const three = await scenario(`three instances, ${WATCHERS} watchers each`, 3);
const keysOnly = await scenario(`three instances, keys only (BUS_RECORDS=false)`, 3, false);
/** CPU per write of the instances that only watch (B, C) against the one instance that writes and watches. */
const watchingCpu = (r: typeof three) => {
  const watching = r.perInstance.slice(1).map((i) => i.cpuMsPerWrite ?? NaN);
  return watching.reduce((a, b) => a + b, 0) / watching.length;
};
const report = {
  command: `npm run bench:instances${quick ? ' -- --quick' : ''}`,
  date: new Date().toISOString(),
  node: process.version,
  cores: os.availableParallelism(),
  // The machine is shared: its load (1-minute average) before and after says how much noise to expect.
  loadAverage: { before: round(loadBefore[0]!), after: round(os.loadavg()[0]!) },
  note:
    'latency = HTTP mutation sent to instance A → patch received by a watcher (any instance); one local PostgreSQL 15, ' +
    'one local Redis, BUS=redis; servers compiled, unpinned; one watcher process per instance. statementsPerWrite: ' +
    'livedoc_store_statements_total delta of every instance over the measured writes / writes.',
  results: [one, three, keysOnly],
  ratios: {
    threeToOne: {
      p50: ratio(three.p50, one.p50),
      p99: ratio(three.p99, one.p99),
      statementsPerWrite: ratio(three.statementsPerWrite, one.statementsPerWrite),
      cpuPerWriteOfAWatchingInstance: ratio(watchingCpu(three), one.perInstance[0]!.cpuMsPerWrite),
    },
    keysOnlyToOne: {
      p50: ratio(keysOnly.p50, one.p50),
      p99: ratio(keysOnly.p99, one.p99),
      statementsPerWrite: ratio(keysOnly.statementsPerWrite, one.statementsPerWrite),
      cpuPerWriteOfAWatchingInstance: ratio(watchingCpu(keysOnly), one.perInstance[0]!.cpuMsPerWrite),
    },
  },
};
for (const r of report.results) {
  console.log(`${r.name.padEnd(40)} p50 ${r.p50} ms  p99 ${r.p99} ms  statements/write ${r.statementsPerWrite}`);
  for (const i of r.perInstance) {
    console.log(`  ${i.instance.padEnd(11)} p50 ${i.p50} ms  p99 ${i.p99} ms  ${i.delivered}/${i.expected}  statements/write ${i.statementsPerWrite}  cpu/write ${i.cpuMsPerWrite} ms`);
  }
}
for (const [label, r] of Object.entries(report.ratios)) {
  console.log(`${label}: p50 ${r.p50}×  p99 ${r.p99}×  statements/write ${r.statementsPerWrite}×  cpu/write of B, C vs the one ${r.cpuPerWriteOfAWatchingInstance}×`);
}
await writeFile(new URL(`./results/scale-instances${quick ? '-quick' : ''}.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
