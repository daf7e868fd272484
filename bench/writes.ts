/**
 * Write-path benchmark (issue 15): 1,000 watchers, each live on its own document, and writes to those
 * documents, one per request or 25 as aliases of one request.
 *
 * 1. Rounds of 100 writes (100 requests, or 4 of 25 aliases) against livedoc, the in-memory peer and
 *    the raw broadcast floor: server CPU per round, side by side.
 * 2. Sustained writes on livedoc, 4 requests in flight, on embedded PGlite (the default) and on
 *    PostgreSQL (a temporary database): acknowledged writes per second and server CPU per write.
 * 3. With --profile: livedoc's update phase of both round kinds under the V8 profiler, summarized by
 *    stage of the write path (profile tables in the results).
 *
 * Writes bench/results/writes[-quick].{json,md}.
 *
 *   npm run bench:writes               # full run
 *   npm run bench:writes -- --quick    # about 2 minutes
 *   npm run bench:writes -- --quick --profile   # and the profile summary
 *   npm run bench:writes -- --quick --sessions=rounds   # only some sessions (rounds, sustained-pglite, sustained-postgres, profile)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../test/support/postgres.js';
import { compileServers } from './compiledServers.js';
import { endOfRun, machineInfo, sourceRevision } from './fanout/fanoutReport.js';
import { RESULTS_DIR } from './fanout/outputs.js';
import { setUpPinning } from './fanout/pinning.js';
import { runSession, type ServerPlacement } from './fanout/runSession.js';
import type { OwnDocScenario, ScenarioResult, Session } from './fanout/types.js';
import { summarizeProfile } from './fanout/summarizeProfile.js';
import { profileStages } from './writes/profileStages.js';
import { writesMarkdown, type WritesReport } from './writes/writesReport.js';

const started = performance.now();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
/** --sessions=<name>[,<name>…]: only those of rounds, sustained-pglite, sustained-postgres (and profile with --profile). */
const onlySessions = args.find((a) => a.startsWith('--sessions='))?.slice('--sessions='.length).split(',');
const command = `npm run bench:writes${args.length ? ` -- ${args.join(' ')}` : ''}`;
const log = (message: string) => console.log(`[writes +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** Writes per request in the batched runs (livedoc allows 30 aliases). */
const BATCH = 25;

function rounds(perRequest: number, servers?: OwnDocScenario['servers']): OwnDocScenario {
  const name = perRequest === 1 ? 'own-doc-1000-watchers' : `own-doc-1000-watchers-${perRequest}-per-request`;
  return { kind: 'ownDoc', name, watchers: 1_000, rounds: quick ? 3 : 10, writesPerRound: 100, writesPerRequest: perRequest, settleMs: 1_000, ...(servers && { servers }) };
}

function sustained(perRequest: number): OwnDocScenario {
  const name = perRequest === 1 ? 'sustained-single-writes' : `sustained-${perRequest}-per-request`;
  // Markers for 40,000 writes: the tracker keeps a slot per watcher and write.
  return { kind: 'ownDoc', name, watchers: 1_000, rounds: 400, writesPerRound: 100, writesPerRequest: perRequest, sustainedMs: quick ? 6_000 : 15_000, inFlight: 4, settleMs: 1_000, servers: ['livedoc'] };
}

const pinning = setUpPinning();
log('compiling the servers to build/ (tsconfig.bench.json)');
compileServers();
await mkdir(RESULTS_DIR, { recursive: true });
const placements: ServerPlacement[] = [];
const failures: string[] = [];
const results: { storage: string; result: ScenarioResult }[] = [];

async function run(session: Session, storage: 'pglite' | 'postgres', databaseUrl?: string): Promise<void> {
  if (onlySessions && !onlySessions.includes(session.name)) return;
  try {
    for (const result of await runSession(session, { pinning, databaseUrl, quick, log }, placements)) results.push({ storage, result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(message);
    log(`session ${session.name} failed: ${message}`);
  }
}

await run({ name: 'rounds', scenarios: [rounds(1), rounds(BATCH)] }, 'pglite');
await run({ name: 'sustained-pglite', scenarios: [sustained(1), sustained(BATCH)] }, 'pglite');
let database: TempDatabase | undefined;
if (onlySessions && !onlySessions.includes('sustained-postgres')) {
  // not asked for
} else if (await postgresAvailable()) {
  database = await createTempDatabase();
  try {
    await run({ name: 'sustained-postgres', scenarios: [sustained(1), sustained(BATCH)] }, 'postgres', database.url);
  } finally {
    await database.drop();
  }
} else {
  failures.push('PostgreSQL unreachable: no PostgreSQL rows');
}

const profiles: WritesReport['profiles'] = [];
if (profile) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-writes-prof-'));
  const profiled = [rounds(1, ['livedoc']), rounds(BATCH, ['livedoc'])];
  await run({ name: 'profile', cpuProfileDir: dir, scenarios: profiled }, 'pglite');
  for (const scenario of profiled) {
    const file = path.join(dir, `${scenario.name}.cpuprofile`);
    try {
      profiles.push({ scenario: scenario.name, writes: scenario.rounds * scenario.writesPerRound, summary: summarizeProfile(file), stages: profileStages(file) });
    } catch (error) {
      failures.push(`profile of ${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (args.includes('--keep-profiles')) log(`profiles kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}

const report: WritesReport = {
  ...endOfRun({ command, quick, machine: machineInfo(), pinning: pinning.description, source: sourceRevision(), startedAt: started }),
  batch: BATCH,
  placements,
  results,
  profiles,
  failures,
};
const base = `writes${quick ? '-quick' : ''}${onlySessions ? '-partial' : ''}`;
await writeFile(new URL(`${base}.json`, RESULTS_DIR), `${JSON.stringify(report, null, 2)}\n`);
const markdown = writesMarkdown(report);
await writeFile(new URL(`${base}.md`, RESULTS_DIR), markdown);
console.log(markdown);
log(`done in ${report.durationS} s`);
if (failures.length > 0) process.exitCode = 1;
