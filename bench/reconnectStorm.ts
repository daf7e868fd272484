/**
 * Reconnect-storm benchmark (issue 13): thousands of live clients on instance A, A gets SIGTERM,
 * a few writes are made through instance C, every client reconnects to instance B and re-subscribes — `resume` (with its last resume token)
 * beside `refetch` (without) — until each holds a state equal to a fresh query. Measured per mode:
 * SIGTERM → every client live again, bytes B sent them, B's CPU, and full / patch / empty answers.
 * Writes bench/results/reconnect-storm.json and .md (reconnect-storm-quick.* with --quick).
 *
 *   npm run bench:storm                # 5,000 document + 1,000 dataset clients (10,000 rows)
 *   npm run bench:storm -- --quick     # 500 + 100 clients
 *
 * Options: --document-clients=<n>, --dataset-clients=<n>, --rows=<n>, --sections=<n>,
 * --cases=<name>[,<name>…] (of warm-writes, warm-quiet, cold-writes, cold-quiet; default all),
 * --writes=<n> (for the -writes cases; default 2), --reconnect=client|immediate (default client:
 * the Node client's first reconnect delay), --repeat=<n> (runs of every case; medians reported),
 * --storm-timeout-s=<n> (how long clients may take to be live again; default 180, 60 with --quick),
 * --out=<name>, --skip-compile (use build/ as it is).
 * Needs PostgreSQL and Redis on 127.0.0.1 (test/support/postgres.ts, redis.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createTempDatabase, postgresUnavailableReason } from '../test/support/postgres.js';
import { redisAvailable } from '../test/support/redis.js';
import type { ServerProcess } from '../test/support/serverProcess.js';
import { compileServers } from './compiledServers.js';
import { endOfRun, machineInfo, sourceRevision } from './fanout/fanoutReport.js';
import { setUpPinning } from './fanout/pinning.js';
import { checkTargets, compareCases, summarizeCases, tokensIssued } from './storm/comparison.js';
import { createStormFixtures } from './storm/fixtures.js';
import { runGenerator } from './storm/generatorProcess.js';
import { startInstances } from './storm/instances.js';
import { stormMarkdown, type StormReport, type StormSettings } from './storm/report.js';
import {
  RECONNECT_MODES,
  type StormCase,
  type StormFixtures,
  type StormResult,
  type StormTask,
} from './storm/types.js';

const started = performance.now();
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes('--quick');
const log = (message: string) =>
  console.log(`[storm +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

function count(name: string, fallback: number, min = 0): number {
  const text = option(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
  return value;
}

const writes = count('writes', 2);
const ALL_CASES: StormCase[] = [
  { name: 'warm-writes', warmB: true, writes },
  { name: 'warm-quiet', warmB: true, writes: 0 },
  { name: 'cold-writes', warmB: false, writes },
  { name: 'cold-quiet', warmB: false, writes: 0 },
];
const caseNames = option('cases')?.split(',').filter(Boolean);
const unknownCase = caseNames?.find((name) => !ALL_CASES.some((c) => c.name === name));
if (unknownCase !== undefined)
  throw new Error(`--cases: expected some of ${ALL_CASES.map((c) => c.name).join(', ')}, got "${unknownCase}"`);
const reconnect = option('reconnect') ?? 'client';
if (reconnect !== 'client' && reconnect !== 'immediate')
  throw new Error(`--reconnect: expected client or immediate, got "${reconnect}"`);
const out = option('out') ?? (quick ? 'reconnect-storm-quick' : 'reconnect-storm');
if (!/^[\w-]+$/.test(out)) throw new Error(`--out: expected a file name without extension, got "${out}"`);

const settings: StormSettings = {
  documentClients: count('document-clients', quick ? 500 : 5_000),
  datasetClients: count('dataset-clients', quick ? 100 : 1_000),
  sections: count('sections', 20),
  rows: count('rows', 10_000, 1),
  reconnectDelay: reconnect === 'client' ? 'client' : 0,
  settleMs: 1_000,
  stormTimeoutMs: count('storm-timeout-s', quick ? 60 : 180, 1) * 1_000,
  maxAttempts: 8,
  cases: ALL_CASES.filter((c) => !caseNames || caseNames.includes(c.name)),
  repeats: count('repeat', 1, 1),
};
const command = `npm run bench:storm${args.length ? ` -- ${args.join(' ')}` : ''}`;

const postgresProblem = await postgresUnavailableReason();
if (postgresProblem !== null) throw new Error(`${postgresProblem}: the storm runs on PostgreSQL`);
if (!(await redisAvailable())) throw new Error('Redis is unreachable: the storm runs with the Redis bus');
const machine = machineInfo();
const source = sourceRevision();
const pinning = setUpPinning();
log(`pinning: ${pinning.description}; load average ${machine.loadAverageStart.join(' ')}`);
if (args.includes('--skip-compile')) log('using the server already compiled in build/ (--skip-compile)');
else {
  log('compiling the server to build/ (tsconfig.bench.json)');
  compileServers();
}

const database = await createTempDatabase();
const storms: StormResult[] = [];
const failures: string[] = [];
let fixtures: StormFixtures | undefined;
try {
  const [setup] = await startInstances(database.url, pinning, 1);
  try {
    fixtures = await createStormFixtures(setup!.httpUrl, settings.sections, settings.rows);
  } finally {
    await setup!.stop();
  }
  log(
    `database ${database.name}: document ${fixtures.documentId} (${fixtures.sections} sections), dataset ${fixtures.datasetId} (${fixtures.rows} rows)`,
  );
  let seed = 0;
  for (let repeat = 1; repeat <= settings.repeats; repeat++) {
    for (const stormCase of settings.cases) {
      // Alternate which mode goes first, so that neither always runs on a database warmed by the other.
      const modes = seed % 4 === 0 ? RECONNECT_MODES : [...RECONNECT_MODES].reverse();
      for (const mode of modes) {
        try {
          storms.push(await runOneStorm(fixtures, { stormCase, repeat, mode }, ++seed));
        } catch (error) {
          const message = `${stormCase.name}#${repeat} ${mode}: ${error instanceof Error ? error.message : String(error)}`;
          failures.push(message);
          log(`FAILED ${message}`);
        }
      }
    }
  }
} finally {
  await database.drop();
}

async function runOneStorm(
  f: StormFixtures,
  { stormCase, repeat, mode }: Pick<StormTask, 'stormCase' | 'repeat' | 'mode'>,
  writeSeed: number,
): Promise<StormResult> {
  const name = `${stormCase.name}#${repeat} ${mode}`;
  log(`${name}: starting instances A, B and C`);
  const [a, b, c] = (await startInstances(database.url, pinning, 3)) as [ServerProcess, ServerProcess, ServerProcess];
  try {
    const task: StormTask = {
      mode,
      stormCase,
      repeat,
      fixtures: f,
      documentClients: settings.documentClients,
      datasetClients: settings.datasetClients,
      aWsUrl: a.wsUrl,
      aPid: a.pid,
      bWsUrl: b.wsUrl,
      bPid: b.pid,
      cHttpUrl: c.httpUrl,
      reconnectDelay: settings.reconnectDelay,
      setupConcurrency: 64,
      setupTimeoutMs: 300_000,
      stormTimeoutMs: settings.stormTimeoutMs,
      settleMs: settings.settleMs,
      maxAttempts: settings.maxAttempts,
      writeSeed,
    };
    const result = await runGenerator(task, pinning);
    const aExit = await a.stop(10_000);
    log(
      `${name}: every client live after ${result.allLiveMs ?? '-'} ms (${result.notLive} not), ` +
        `${(result.bytes / 1e6).toFixed(2)} MB from B, B CPU ${result.bCpuMs.settled ?? '-'} ms, answers ${JSON.stringify(result.answers)}, ` +
        `tokens sent ${result.tokensSent}, verified ${result.verified}, problems ${result.problemCount}; A exited ${aExit}`,
    );
    return result;
  } catch (error) {
    const tails = [a, b].map((s, i) => `${'AB'[i]} output:\n${s.output().slice(-2_000)}`).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tails}`, { cause: error });
  } finally {
    await Promise.all([a.stop(10_000), b.stop(20_000), c.stop(10_000)]);
  }
}

const comparisons = compareCases(settings.cases, settings.repeats, storms);
const issued = tokensIssued(storms);
const report: StormReport = {
  ...endOfRun({ command, quick, machine, pinning: pinning.description, source, startedAt: started }),
  settings,
  fixtures,
  tokensIssued: issued,
  storms,
  ratios: comparisons.map((c) => ({ caseName: c.caseName, repeat: c.repeat, ratios: c.ratios })),
  summary: summarizeCases(settings.cases, comparisons),
  targets: checkTargets(comparisons, issued),
  failures,
};
const resultsDir = new URL('results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(new URL(`${out}.json`, resultsDir), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(new URL(`${out}.md`, resultsDir), stormMarkdown(report, comparisons));
for (const c of report.summary) {
  log(
    `${c.caseName} (median of ${c.runs}): refetch ÷ resume — bytes ${c.bytesRatio ?? '-'}×, B CPU ${c.cpuRatio ?? '-'}×; ` +
      `every client live again after ${c.resumeAllLiveMs ?? '-'} ms (resume), ${c.refetchAllLiveMs ?? '-'} ms (refetch)`,
  );
}
for (const t of report.targets)
  log(`${t.met === null ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'} ${t.caseName}: ${t.target}: ${t.value ?? '-'}`);
log(
  `wrote bench/results/${out}.json and ${out}.md in ${report.durationS} s${issued ? '' : ' — no resume token was issued: resume measured a refetch'}`,
);
if (failures.length > 0) process.exitCode = 1;
