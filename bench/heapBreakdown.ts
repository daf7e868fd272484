/**
 * Where the bytes of an idle live query go: the compiled server (PGlite) with no live query and then
 * with N idle ones (each on its own document, as the fan-out bench's idle scenario), a heap snapshot
 * of each (`--heapsnapshot-signal`, which collects garbage first), and the difference per live query
 * aggregated by node type and constructor, and by what first retains it (`Parent.edge`).
 * Run: `npx tsx bench/heapBreakdown.ts [--queries=5000] [--sockets=100] [--top=40]` (Linux).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { COMPILED_SERVER_ENTRY, startServerProcess, type ServerProcess } from '../test/support/serverProcess.js';
import { LOAD_GENERATOR_LIMITS } from './loadGeneratorLimits.js';
import { createDocuments } from './fanout/fixtures.js';
import { openFleet } from './fanout/fleet.js';
import { DOCUMENT_LIVE } from './fanout/operations.js';
import { writerFor } from './fanout/signIn.js';
import { sleep, waitUntil } from './fanout/stats.js';

function flag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
}

const QUERIES = flag('queries', 5_000);
const SOCKETS = flag('sockets', 100);
const TOP = flag('top', 40);

/** Bytes and count per aggregation key. */
type Totals = Map<string, { bytes: number; count: number }>;

interface Snapshot {
  byConstructor: Totals;
  byRetainer: Totals;
  total: number;
  /** The owned trees of one Group, Member and LiveSocketSink, and the large hash tables with their owners. */
  samples: string[];
}

/** Constructors whose one instance is shown with what it alone retains. */
const SAMPLED = ['Group', 'Member', 'LiveSocketSink'];

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function add(totals: Totals, key: string, bytes: number): void {
  const entry = totals.get(key);
  if (entry) {
    entry.bytes += bytes;
    entry.count++;
  } else totals.set(key, { bytes, count: 1 });
}

/** Aggregates a .heapsnapshot file by constructor and by first retainer. */
function readSnapshot(file: string): Snapshot {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  const { meta } = raw.snapshot;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f)) as [number, number, number, number];
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = raw;
  const count = nodes.length / nodeFields;
  const label = (n: number): string => {
    const type = nodeTypes[nodes[n * nodeFields + typeAt]!]!;
    const name = strings[nodes[n * nodeFields + nameAt]!]!;
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') return `(${type})`;
    if (type === 'number') return '(number)';
    return `${type}:${name.length > 60 ? `${name.slice(0, 60)}…` : name}`;
  };
  // The first retainer of every node, through a strong (non-weak) edge.
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge = new Array<string>(count);
  let edge = 0;
  for (let n = 0; n < count; n++) {
    const edgeCount = nodes[n * nodeFields + edgeCountAt]!;
    for (let e = 0; e < edgeCount; e++, edge += edgeFields) {
      const to = edges[edge + toAt]! / nodeFields;
      const edgeType = edgeTypes[edges[edge + edgeTypeAt]!];
      if (edgeType === 'weak' || edgeType === 'shortcut' || retainer[to] !== -1) continue;
      retainer[to] = n;
      const nameOrIndex = edges[edge + edgeNameAt]!;
      retainerEdge[to] = edgeType === 'element' || edgeType === 'hidden' ? `[]` : String(strings[nameOrIndex]);
    }
  }
  const retainers = new Int32Array(count);
  for (let e = 0; e < edges.length; e += edgeFields) {
    const edgeType = edgeTypes[edges[e + edgeTypeAt]!];
    if (edgeType !== 'weak' && edgeType !== 'shortcut') retainers[edges[e + toAt]! / nodeFields]!++;
  }
  const firstEdge = new Int32Array(count + 1);
  for (let n = 0; n < count; n++) firstEdge[n + 1] = firstEdge[n]! + nodes[n * nodeFields + edgeCountAt]! * edgeFields;
  const samples: string[] = [];
  const tree = (n: number, depth: number, via: string, lines: string[]): number => {
    let bytes = nodes[n * nodeFields + sizeAt]!;
    const at = lines.length;
    lines.push('');
    if (depth < 6) {
      for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += edgeFields) {
        const edgeType = edgeTypes[edges[e + edgeTypeAt]!];
        const to = edges[e + toAt]! / nodeFields;
        if (edgeType === 'weak' || edgeType === 'shortcut') continue;
        const nameOrIndex = edges[e + edgeNameAt]!;
        const edgeName = edgeType === 'element' || edgeType === 'hidden' ? `[${nameOrIndex}]` : String(strings[nameOrIndex]);
        if (retainers[to] === 1) bytes += tree(to, depth + 1, edgeName, lines);
        else if (edgeName !== 'map' && edgeName !== '__proto__' && retainers[to]! < 100) {
          lines.push(`${'  '.repeat(depth + 1)}${edgeName}: ${label(to)} self ${nodes[to * nodeFields + sizeAt]!} (retained ${retainers[to]} times)`);
        }
      }
    }
    lines[at] = `${'  '.repeat(depth)}${via}: ${label(n)} self ${nodes[n * nodeFields + sizeAt]!} owned ${bytes}`;
    return bytes;
  };
  for (const wanted of SAMPLED) {
    for (let n = 0; n < count; n++) {
      if (label(n) !== `object:${wanted}`) continue;
      tree(n, 0, wanted, samples);
      break;
    }
  }
  for (let n = 0; n < count; n++) {
    const bytes = nodes[n * nodeFields + sizeAt]!;
    if (bytes < 64 * 1024 || retainer[n]! < 0) continue;
    const owner = retainer[n]!;
    samples.push(`large: ${label(n)} ${bytes} ← ${label(owner)}.${retainerEdge[n]} ← ${retainer[owner]! < 0 ? '' : `${label(retainer[owner]!)}.${retainerEdge[owner]}`}`);
  }
  const byConstructor: Totals = new Map();
  const byRetainer: Totals = new Map();
  let total = 0;
  for (let n = 0; n < count; n++) {
    const bytes = nodes[n * nodeFields + sizeAt]!;
    total += bytes;
    const own = label(n);
    add(byConstructor, own, bytes);
    const parent = retainer[n]!;
    add(byRetainer, `${own} ← ${parent < 0 ? '(root)' : label(parent)}.${retainerEdge[n] ?? ''}`, bytes);
  }
  return { byConstructor, byRetainer, total, samples };
}

async function snapshotOf(server: ServerProcess, dir: string): Promise<Snapshot> {
  const before = new Set(readdirSync(dir));
  process.kill(server.pid, 'SIGUSR2');
  let file: string | undefined;
  const done = await waitUntil(() => {
    file = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    return file !== undefined;
  }, 300_000, 200);
  if (!done || !file) throw new Error('no heap snapshot written');
  // The file is complete once it ends the JSON (its last member, the strings array, then the object).
  const full = path.join(dir, file);
  await waitUntil(() => readFileSync(full, 'utf8').trimEnd().endsWith(']}'), 300_000, 500);
  const snapshot = readSnapshot(path.join(dir, file));
  rmSync(path.join(dir, file));
  return snapshot;
}

function diffTable(title: string, a: Totals, b: Totals, queries: number): string {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys]
    .map((key) => {
      const x = a.get(key) ?? { bytes: 0, count: 0 };
      const y = b.get(key) ?? { bytes: 0, count: 0 };
      return { key, bytes: (y.bytes - x.bytes) / queries, count: (y.count - x.count) / queries };
    })
    .sort((p, q) => q.bytes - p.bytes)
    .slice(0, TOP);
  return [
    `| ${title} | bytes per live query | objects per live query |`,
    '|---|---:|---:|',
    ...rows.map((r) => `| \`${r.key.replace(/\|/g, '\\|')}\` | ${r.bytes.toFixed(1)} | ${r.count.toFixed(2)} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  execFileSync(path.join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.bench.json'], { stdio: 'inherit' });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-heap-'));
  const server = await startServerProcess({ NODE_ENV: 'production', LOG_LEVEL: 'warn', ...LOAD_GENERATOR_LIMITS }, 120_000, {
    entry: path.resolve(COMPILED_SERVER_ENTRY),
    nodeArgs: ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`],
  });
  try {
    const writer = await writerFor('livedoc');
    const ids = await createDocuments(server.httpUrl, writer, QUERIES);
    const perSocket = Math.ceil(QUERIES / SOCKETS);
    // Warm the code paths with a throwaway fleet, so the baseline holds the compiled code and caches.
    const warm = await openFleet({
      transport: 'ws', wsUrl: server.wsUrl, httpUrl: server.httpUrl, sockets: 2, timeoutMs: 60_000,
      subscriptions: () => [{ id: '1', query: DOCUMENT_LIVE, variables: { id: ids[0] } }],
      listener: () => ({ onUpdate: () => {} }),
    });
    await warm.close();
    const baseline = await snapshotOf(server, dir);
    const fleet = await openFleet({
      transport: 'ws', wsUrl: server.wsUrl, httpUrl: server.httpUrl, sockets: SOCKETS, timeoutMs: 600_000,
      subscriptions: (socket) => Array.from({ length: Math.min(perSocket, QUERIES - socket * perSocket) }, (_, i) => ({
        id: String(i + 1), query: DOCUMENT_LIVE, variables: { id: ids[socket * perSocket + i] },
      })),
      listener: () => ({ onUpdate: () => {} }),
    });
    await sleep(1_000);
    const loaded = await snapshotOf(server, dir);
    const perQuery = (loaded.total - baseline.total) / fleet.subscribed;
    console.log(`${fleet.subscribed} idle live queries on ${SOCKETS} sockets: heap snapshot +${(loaded.total - baseline.total).toLocaleString('en')} bytes, ${perQuery.toFixed(0)} bytes per live query\n`);
    console.log(diffTable('node type:constructor', baseline.byConstructor, loaded.byConstructor, fleet.subscribed));
    console.log();
    console.log(diffTable('node ← first retainer.edge', baseline.byRetainer, loaded.byRetainer, fleet.subscribed));
    console.log(`\n${loaded.samples.join('\n')}`);
    await fleet.close();
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
