/**
 * Soak (issue 13): 1,000 clients of the real client library over two instances on PostgreSQL with
 * the Redis bus, random writes, random disconnects, slow readers and one instance restarted, for ten
 * minutes; then every client's state must equal a fresh query, no acknowledged write may be missing
 * and each instance's RSS at the end must be within 10 % of after warm-up. Exits 1 when a check fails.
 *
 *   npm run soak                              # 10 minutes, 1,000 clients, 2 instances, 5 slow readers
 *   npm run soak -- --duration=3m --clients=300 --instances=2 --slow=5
 *
 * More flags: --writes=<per second> (10), --sse=<share of clients on SSE> (0.05),
 * --disconnects=<per second> (2), --no-restart, --out=<file name> (soak).
 * Writes bench/results/<out>.md, <out>.json (raw figures) and <out>.svg (RSS and delivery latency).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { soakChart } from './soak/chart.js';
import { parseSoakArgs } from './soak/options.js';
import { soakMarkdown } from './soak/report.js';
import { runSoak } from './soak/runSoak.js';
import { createStopSignal } from './soak/stopSignal.js';

const args = process.argv.slice(2);
const outArg = args.find((a) => a.startsWith('--out='));
const out = outArg?.slice('--out='.length) ?? 'soak';
if (!/^[\w-]+$/.test(out)) throw new Error(`--out expects a file name without extension, but got ${JSON.stringify(out)}.`);
const options = parseSoakArgs(args.filter((a) => a !== outArg));
const command = `npm run soak${args.length ? ` -- ${args.join(' ')}` : ''}`;

const started = performance.now();
const log = (message: string) => console.log(`[soak +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);
const signal = createStopSignal();
process.once('SIGINT', () => {
  log('interrupted: ending the run phase early, then checking');
  signal.stop();
});

const result = await runSoak(options, log, signal);
const resultsDir = new URL('results/', import.meta.url);
await mkdir(resultsDir, { recursive: true });
await writeFile(new URL(`${out}.json`, resultsDir), `${JSON.stringify({ command, ...result })}\n`);
await writeFile(new URL(`${out}.svg`, resultsDir), soakChart(result));
await writeFile(new URL(`${out}.md`, resultsDir), soakMarkdown(result, command, `${out}.svg`));
for (const check of result.checks) log(`${check.passed ? 'PASS' : 'FAIL'} ${check.name}: ${check.detail}`);
log(`${result.passed ? 'passed' : 'FAILED'}; report in bench/results/${out}.md`);
process.exitCode = result.passed ? 0 : 1;
