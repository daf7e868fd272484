/**
 * Windows benchmark (issue 15): a dataset of a million rows (`--rows=N`), livedoc as a pinned child
 * process, live 50-row windows: the first page, a value change inside and outside a window, and a live
 * top 10 by value under random value changes (targets: server CPU per change ≤ 2 ms, patch ≤ 400 B).
 * Writes bench/results/windows-<storage>[-quick].{json,md}.
 *
 *   npm run bench:windows                  # PostgreSQL when reachable (DATABASE_URL or the tests' server), else PGlite
 *   npm run bench:windows -- --quick       # fewer changes; under 3 minutes once seeded
 *   npm run bench:windows -- --storage=pglite   # the embedded default (its seeded folder is cached in the temp dir)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { bearer } from '../test/support/auth.js';
import { postgresAvailable } from '../test/support/postgres.js';
import { startServerProcess } from '../test/support/serverProcess.js';
import { COMPILED_ENTRIES, compileServers } from './compiledServers.js';
import { RESULTS_DIR } from './fanout/outputs.js';
import { setUpPinning } from './fanout/pinning.js';
import { WRITER_ID } from './fanout/signIn.js';
import { measureFirstPages, measureInsideOutside, measureTopTen, measureWritesAlone, type PhaseContext } from './windows/phases.js';
import { windowsMarkdown, type WindowsReport } from './windows/report.js';
import { seedPglite, seedPostgres } from './windows/seedDataset.js';

const started = performance.now();
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rows = Number(option('rows') ?? 1_000_000);
if (!Number.isInteger(rows) || rows < 2_000) throw new Error(`--rows: expected an integer of at least 2000, got ${option('rows')}`);
const storageArg = option('storage') ?? (process.env.DATABASE_URL || (await postgresAvailable()) ? 'postgres' : 'pglite');
if (storageArg !== 'postgres' && storageArg !== 'pglite') throw new Error(`--storage: expected postgres or pglite, got ${storageArg}`);
const command = `npm run bench:windows${args.length ? ` -- ${args.join(' ')}` : ''}`;
const log = (message: string) => console.log(`[windows +${((performance.now() - started) / 1000).toFixed(1)}s] ${message}`);

const pinning = setUpPinning();
log('compiling the server to build/ (tsconfig.bench.json)');
compileServers();
const seedStarted = performance.now();
log(`seeding ${rows} rows (${storageArg})`);
const storage = storageArg === 'postgres' ? await seedPostgres(rows, WRITER_ID) : await seedPglite(rows, WRITER_ID, log);
const seedSeconds = (performance.now() - seedStarted) / 1000;
// One writer sends every change: the per-client mutation rate is not what is measured.
const server = await startServerProcess({ ...storage.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', MUTATION_RATE: '1000000', MUTATION_BURST: '1000000' }, 120_000, {
  entry: COMPILED_ENTRIES.livedoc,
  wrapper: pinning.serverWrapper,
});
try {
  const ctx: PhaseContext = {
    httpUrl: server.httpUrl,
    wsUrl: server.wsUrl,
    pid: server.pid,
    rows,
    authorization: await bearer(WRITER_ID),
    changes: quick ? 50 : 200,
    watchers: 10,
    log,
  };
  log('first pages');
  const firstPages = [await measureFirstPages(ctx, 'POSITION_ASC', quick ? 10 : 30), await measureFirstPages(ctx, 'VALUE_DESC', quick ? 10 : 30)];
  log('writes alone');
  const alone = await measureWritesAlone(ctx);
  log('inside and outside a window');
  const insideOutside = await measureInsideOutside(ctx);
  log('top 10 by value');
  const topTen = await measureTopTen(ctx);
  log('writes alone, again (the spread of the floor)');
  const aloneAgain = await measureWritesAlone(ctx);
  const report: WindowsReport = {
    date: new Date().toISOString(),
    command,
    storage: storage.description,
    rows,
    watchers: ctx.watchers,
    pinning: pinning.description,
    seedSeconds,
    firstPages,
    changes: [alone, ...insideOutside, { ...aloneAgain, name: `${aloneAgain.name}, again after the rest` }],
    topTen,
  };
  await mkdir(RESULTS_DIR, { recursive: true });
  const name = `windows-${storageArg}${quick ? '-quick' : ''}`;
  await writeFile(new URL(`${name}.json`, RESULTS_DIR), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(new URL(`${name}.md`, RESULTS_DIR), windowsMarkdown(report));
  console.log(windowsMarkdown(report));
  log(`wrote bench/results/${name}.{json,md}`);
} finally {
  await server.stop();
  await storage.dispose();
}
