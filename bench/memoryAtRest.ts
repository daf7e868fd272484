/**
 * Memory at rest of the compiled server on the embedded default (PGlite, new data directory, sample
 * data): RSS idle, then per idle live query (1,000 over 10 sockets) and per socket (1,000 sockets
 * with one live query each), as RSS deltas read from /proc after each step has settled.
 * Then idle live queries at scale (idleAtScale.ts): 5,000 and 100,000 on one process, RSS and JS heap
 * per live query after forced garbage collections.
 * Run: `npx tsx bench/memoryAtRest.ts [--only=rest|scale] [--scale=5000,100000]` (Linux; about 5
 * minutes); `--quick`: 5,000 and 20,000 idle live queries only (about 2 minutes). Results:
 * bench/results/memory-at-rest.md and bench/results/idle-at-scale.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signTestToken } from '../test/support/auth.js';
import { COMPILED_SERVER_ENTRY, startServerProcess, type ServerProcess } from '../test/support/serverProcess.js';
import { gcThenRead, idleAtScale, type IdleScale } from './idleAtScale.js';

const QUERIES = 1_000;
const QUERY_SOCKETS = 10;
const SOCKETS = 1_000;
/** How long each step idles before its RSS is read (the median of the samples of the last second). */
const SETTLE_MS = 3_000;

function residentMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

async function settledMb(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS - 1_000));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(residentMb(pid));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return samples.sort((a, b) => a - b)[2]!;
}

function client(url: string, token: string): Client {
  return createClient({ url, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
}

/** Subscribes a distinct live query (its own alias) and resolves with its first result. */
function liveQuery(c: Client, n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let first = true;
    c.subscribe(
      { query: `query Q${n} @live { d${n}: document(id: "welcome") { id title revision } }` },
      {
        next: (result) => {
          if (!first) return;
          first = false;
          if ('errors' in result && result.errors) reject(new Error(JSON.stringify(result.errors)));
          else resolve();
        },
        error: reject,
        complete: () => {},
      },
    );
  });
}

/** Opens a socket and resolves once the server acknowledged it (connection_init). */
function connected(url: string, token: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    c.on('connected', () => resolve(c));
    c.on('error', reject);
  });
}

function startServer(): Promise<ServerProcess> {
  const env = { SEED: 'true', MAX_SOCKETS_PER_VIEWER: String(SOCKETS + QUERY_SOCKETS), LOG_LEVEL: 'warn' };
  return startServerProcess(env, 90_000, { entry: COMPILED_SERVER_ENTRY });
}

function flag(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The scale steps as a table, each on its own new server. */
async function scaleTable(counts: readonly number[]): Promise<string> {
  const read = gcThenRead(async (pid) => (await settledMb(pid)) * 1024 * 1024);
  const steps: IdleScale[] = [];
  for (const queries of counts) steps.push(await idleAtScale(queries, read, (line) => console.error(line)));
  const rows = steps.map((s) => {
    const perSocket = (bytes: { idle: number; sockets: number }) => kb((bytes.sockets - bytes.idle) / Math.max(1, s.sockets));
    const perQuery = (bytes: { sockets: number; loaded: number }) => kb((bytes.loaded - bytes.sockets) / Math.max(1, s.subscribed));
    const failed = s.failures.length > 0 ? ` (${s.failures.join('; ')})` : '';
    return (
      `| ${s.queries.toLocaleString('en')} on ${s.sockets.toLocaleString('en')} sockets | ${s.subscribed.toLocaleString('en')}${failed} | ${(s.subscribeMs / 1000).toFixed(0)} s ` +
      `| ${mb(s.rss.idle)} → ${mb(s.rss.sockets)} → ${mb(s.rss.loaded)} | ${perSocket(s.rss)} | **${perQuery(s.rss)}** ` +
      `| ${mb(s.heap.idle)} → ${mb(s.heap.sockets)} → ${mb(s.heap.loaded)} | ${perSocket(s.heap)} | **${perQuery(s.heap)}** |`
    );
  });
  return [
    '| idle live queries | subscribed | to subscribe | RSS: idle → sockets → queries | RSS per idle socket | RSS per idle live query | JS heap: idle → sockets → queries | JS heap per idle socket | JS heap per idle live query |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/** Each measurement on a new server: freed memory is kept by the process and would be reused. */
async function main(): Promise<void> {
  execFileSync(path.join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const quick = process.argv.includes('--quick');
  const only = flag('only') ?? (quick ? 'scale' : undefined);
  if (only !== 'rest') {
    const counts = (flag('scale') ?? (quick ? '5000,20000' : '5000,100000')).split(',').map(Number);
    console.log(`${await scaleTable(counts)}\n`);
  }
  if (only !== 'scale') console.log(await atRestTable());
}

/** RSS idle, per idle live query and per idle socket, on the embedded default with its sample data. */
async function atRestTable(): Promise<string> {
  const token = await signTestToken('system');
  const rows: string[][] = [];
  let server = await startServer();
  try {
    const idle = await settledMb(server.pid);
    const querySockets = Array.from({ length: QUERY_SOCKETS }, () => client(server.wsUrl, token));
    await Promise.all(Array.from({ length: QUERIES }, (_, n) => liveQuery(querySockets[n % QUERY_SOCKETS]!, n)));
    const withQueries = await settledMb(server.pid);
    await Promise.all(querySockets.map((c) => c.dispose()));
    rows.push(
      ['idle, sample data', `${idle.toFixed(0)} MB`],
      [`${QUERIES} idle live queries over ${QUERY_SOCKETS} sockets`, `${withQueries.toFixed(0)} MB (+${(withQueries - idle).toFixed(1)} MB)`],
      ['**per idle live query**', `**${(((withQueries - idle) * 1024) / QUERIES).toFixed(1)} KB**`],
    );
  } finally {
    await server.stop();
  }
  server = await startServer();
  try {
    const idle = await settledMb(server.pid);
    const sockets: Client[] = [];
    for (let n = 0; n < SOCKETS; n += 50) sockets.push(...(await Promise.all(Array.from({ length: 50 }, () => connected(server.wsUrl, token)))));
    const withSockets = await settledMb(server.pid);
    await Promise.all(sockets.map((c, n) => liveQuery(c, n)));
    const withQueries = await settledMb(server.pid);
    await Promise.all(sockets.map((c) => c.dispose()));
    rows.push(
      ['idle (second server)', `${idle.toFixed(0)} MB`],
      [`${SOCKETS} idle sockets (acknowledged, no query)`, `${withSockets.toFixed(0)} MB (+${(withSockets - idle).toFixed(1)} MB)`],
      ['**per idle socket**', `**${(((withSockets - idle) * 1024) / SOCKETS).toFixed(1)} KB**`],
      ['then one live query on each', `${withQueries.toFixed(0)} MB (+${(withQueries - withSockets).toFixed(1)} MB)`],
      ['per live query, one per socket', `${(((withQueries - withSockets) * 1024) / SOCKETS).toFixed(1)} KB`],
    );
  } finally {
    await server.stop();
  }
  return ['| step | RSS |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
