/**
 * Side-by-side fan-out benchmark (issue 5): livedoc, an envelop live-query peer and a raw ws
 * broadcast floor, each a pinned child process, driven by the same pinned load generator through
 * the same scenarios. Writes bench/results/fanout.json, bench/results/fanout.svg and bench/RESULTS.md.
 *
 *   npm run bench:fanout              # full run
 *   npm run bench:fanout -- --quick   # under 2 minutes
 *   npm run bench:fanout -- --profile # livedoc alone, update phases profiled → bench/results/profile.md
 *
 * Options: --only=<substring>[,<substring>…] runs the scenarios whose name contains one of them
 * (results go to fanout-partial.json and fanout-partial.md, RESULTS.md untouched);
 * --servers=<kind>[,<kind>…] runs only those of livedoc, peer and raw (also a partial run);
 * --rerender rewrites fanout.json's comparisons and targets, fanout.svg and RESULTS.md from the
 * stored results without measuring; --keep-profiles (with
 * --profile) leaves the .cpuprofile files in their temporary folder, for a closer look in DevTools;
 * DATABASE_URL in the environment makes livedoc use PostgreSQL instead of a fresh PGlite folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildReport, endOfRun, machineInfo, recompute, sourceRevision, type FanoutReport } from './fanout/fanoutReport.js';
import { RESULTS_DIR, writeOutputs } from './fanout/outputs.js';
import { setUpPinning } from './fanout/pinning.js';
import { compileServers } from './compiledServers.js';
import { clockTicksPerSecond } from './fanout/procStats.js';
import { runSession, type ServerPlacement } from './fanout/runSession.js';
import { buildSessions, profileSession } from './fanout/scenarios.js';
import { profileMarkdown, summarizeProfile } from './fanout/summarizeProfile.js';
import { resultsMarkdown } from './fanout/markdown.js';
import { SERVER_KINDS, type Scenario, type ScenarioResult, type Session } from './fanout/types.js';

const started = performance.now();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const listArg = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(',').filter(Boolean);
const only = listArg('only');
const servers = listArg('servers');
const unknownServer = servers?.find((s) => !(SERVER_KINDS as readonly string[]).includes(s));
if (unknownServer !== undefined) throw new Error(`--servers: expected some of ${SERVER_KINDS.join(', ')}, got "${unknownServer}"`);
const partial = only !== undefined || servers !== undefined;
const resultsDir = RESULTS_DIR;
const command = `npm run bench:fanout${args.length ? ` -- ${args.join(' ')}` : ''}`;
const log = (message: string) => console.log(`[fanout +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

if (args.includes('--rerender')) {
  const stored = JSON.parse(await readFile(new URL('fanout.json', RESULTS_DIR), 'utf8')) as FanoutReport;
  await writeOutputs(recompute(stored));
  log(`re-rendered the report of ${stored.date} (${stored.command})`);
  process.exit(0);
}

const machine = machineInfo();
const source = sourceRevision();
const mostSockets = 5_000 + 100;
if (machine.maxOpenFiles !== null && machine.maxOpenFiles < mostSockets) {
  log(`ulimit -n is ${machine.maxOpenFiles}: below the ${mostSockets} sockets one process holds; raise it (ulimit -n 20000)`);
}
const pinning = setUpPinning();
log('compiling the servers to build/ (tsconfig.bench.json)');
compileServers();
const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
log(`pinning: ${pinning.description}`);
log(`livedoc storage: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in a fresh temporary folder'}`);
await mkdir(resultsDir, { recursive: true });

const profileDir = profile ? await mkdtemp(path.join(os.tmpdir(), 'livedoc-cpuprof-')) : undefined;
let sessions: Session[] = profileDir ? [profileSession(profileDir, quick)] : buildSessions(quick);
if (only) {
  sessions = sessions
    .map((s) => ({ ...s, scenarios: s.scenarios.filter((scenario) => only.some((part) => scenario.name.includes(part))) }))
    .filter((s) => s.scenarios.length > 0);
}
if (servers) {
  const kept = (scenario: Scenario) => (scenario.servers ?? SERVER_KINDS).filter((kind) => servers.includes(kind));
  sessions = sessions
    .map((s) => ({ ...s, scenarios: s.scenarios.map((scenario) => ({ ...scenario, servers: kept(scenario) })).filter((scenario) => scenario.servers.length > 0) }))
    .filter((s) => s.scenarios.length > 0);
}

const results: ScenarioResult[] = [];
const placements: ServerPlacement[] = [];
const failures: string[] = [];
for (const session of sessions) {
  try {
    results.push(...(await runSession(session, { pinning, databaseUrl, quick, log }, placements)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(message);
    log(`session ${session.name} failed: ${message}`);
  }
}

const report = buildReport({
  ...endOfRun({ command, quick, machine, pinning: pinning.description, source, startedAt: started }),
  storage: databaseUrl ? 'PostgreSQL via DATABASE_URL' : 'embedded PGlite in a fresh temporary folder (the default configuration)',
  clockTicksPerSecond: clockTicksPerSecond(),
  placements,
  results,
  failures,
});

if (profileDir) {
  const sections: string[] = [];
  for (const result of results.filter((r) => r.server === 'livedoc')) {
    const file = path.join(profileDir, `${result.scenario}.cpuprofile`);
    if (!existsSync(file)) continue;
    const intro =
      `${result.updates} updates${result.rounds !== null ? ` in ${result.rounds} rounds` : ''}; under the profiler: server CPU per ` +
      `${result.kind === 'ownDoc' ? 'round' : 'update'} ${result.cpu?.perUpdateMs ?? '-'} ms, fan-out p50 ${result.fanoutMs.p50 ?? '-'} ms.\n\n`;
    sections.push(profileMarkdown(summarizeProfile(file), result.scenario).replace('\n\n', `\n\n${intro}`));
  }
  const header =
    `# livedoc CPU profiles of the update phase\n\n` +
    `\`${command}\` on ${report.date}: livedoc alone, the V8 sampling profiler started through the inspector right ` +
    `before each scenario's update phase and stopped right after it, so start-up and subscribing are not in it. ` +
    `The profiler slows the server: use RESULTS.md for performance, these tables for where the time goes.\n\n`;
  await writeFile(new URL('profile.md', resultsDir), header + sections.join('\n'));
  console.log(sections.join('\n'));
  if (args.includes('--keep-profiles')) log(`profiles kept in ${profileDir}`);
  else await rm(profileDir, { recursive: true, force: true });
} else if (partial) {
  await writeFile(new URL('fanout-partial.json', resultsDir), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(new URL('fanout-partial.md', resultsDir), resultsMarkdown(report, { partial: true }));
} else {
  await writeOutputs(report);
}

log(`done in ${report.durationS} s`);
for (const target of report.targets) {
  log(`${target.met === null ? 'n/a   ' : target.met ? 'met   ' : 'MISSED'} ${target.target}: ${target.value} ${target.unit} (limit ${target.limit}) — ${target.detail}`);
}
if (failures.length > 0) {
  log(`${failures.length} session(s) failed`);
  process.exitCode = 1;
}
