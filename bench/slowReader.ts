/**
 * Slow-reader benchmark (issue 13): paused graphql-ws clients under a stream of ~10 KB patches, the
 * server's RSS and the healthy clients' latency, on the server of each of two git revisions — by
 * default the one before slow clients were paused and coalesced (they were buffered for up to 8 MiB,
 * then closed 1008) and HEAD. Writes bench/results/slow-reader.json and slow-reader.md.
 *
 *   npm run bench:slow                # 50 paused + 50 healthy clients, 2,000 updates every 5 ms
 *   npm run bench:slow -- --quick     # 500 updates
 *
 * Options: --before=<rev> and --after=<rev> (default c0a4463 and HEAD), --updates=<n> (overrides),
 * --out=<name> (default slow-reader, or slow-reader-quick with --quick).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { buildRevision, type RevisionBuild } from './slowReader/revisionBuild.js';
import { reportMarkdown, type SlowReaderReport } from './slowReader/report.js';
import { runRevision, type RevisionResult, type SlowReaderSettings } from './slowReader/runRevision.js';

/** main just before slow clients were paused and coalesced. */
const DEFAULT_BEFORE = 'c0a4463f071e26ae39e24d45f7499674693a0768';

const started = performance.now();
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.includes('--quick');
const updatesArg = option('updates');
const updates = updatesArg === undefined ? (quick ? 500 : 2_000) : Number(updatesArg);
if (!Number.isInteger(updates) || updates < 1) throw new Error(`--updates: expected a positive integer, got "${updatesArg}"`);
const out = option('out') ?? (quick ? 'slow-reader-quick' : 'slow-reader');
if (!/^[\w-]+$/.test(out)) throw new Error(`--out: expected a file name without extension, got "${out}"`);
const command = `npm run bench:slow${args.length ? ` -- ${args.join(' ')}` : ''}`;
const log = (message: string) => console.log(`[slow +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

const settings: SlowReaderSettings = {
  paused: 50,
  healthy: 50,
  updates,
  intervalMs: 5,
  bodyBytes: 10_000,
  writeDeadlineMs: 120_000,
  drainMs: 20_000,
  resumeWaitMs: 30_000,
};
const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
log(`load average ${loadAverageAtStart.join(' ')}`);

const runs: RevisionResult[] = [];
for (const [label, revision] of [
  ['before', option('before') ?? DEFAULT_BEFORE],
  ['after', option('after') ?? 'HEAD'],
] as const) {
  log(`${label}: compiling ${revision} in a temporary worktree`);
  const build: RevisionBuild = buildRevision(label, revision);
  try {
    const result = await runRevision(build, settings, log);
    runs.push(result);
    const { rssMiB, healthy, paused } = result;
    log(
      `${label}: RSS peak ${rssMiB.peak} MiB, end of writes ${rssMiB.endOfWrites} MiB; healthy p50/p99 ` +
        `${healthy.latencyMs.p50}/${healthy.latencyMs.p99} ms; paused converged ${paused.converged}, closed ${JSON.stringify(paused.closed)}`,
    );
  } finally {
    build.remove();
  }
}

const report: SlowReaderReport = {
  command,
  date: new Date().toISOString(),
  quick,
  node: process.version,
  cpus: os.cpus().length,
  loadAverageAtStart,
  settings,
  runs,
};
const resultsDir = new URL('results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(new URL(`${out}.json`, resultsDir), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(new URL(`${out}.md`, resultsDir), reportMarkdown(report, '(Reading: written by hand under the table after a run.)'));
log(`wrote bench/results/${out}.json and ${out}.md in ${((performance.now() - started) / 1000).toFixed(1)} s`);
