/**
 * The measurements of the windows benchmark, each against one running server: the first page of a
 * window, a value change inside and outside a live window (and the write alone, as the floor), and a
 * live top 10 by value under random value changes. Server CPU is read from /proc around each phase.
 */
import fastJsonPatch from 'fast-json-patch';
import { rowCursor } from '../../server/graphql/windows/cursors.js';
import { openLiveSocket } from '../fanout/liveSocket.js';
import { postGraphQL, type JsonObject } from '../fanout/graphqlHttp.js';
import { clockTicksPerSecond, cpuTicks, schedstatNs } from '../fanout/procStats.js';
import { distribution, sleep } from '../fanout/stats.js';
import type { Distribution } from '../fanout/types.js';
import { BIG_DATASET_ID, seededValue } from './seedDataset.js';
import { watchWindow } from './windowWatchers.js';

/** What every phase needs. */
export interface PhaseContext {
  httpUrl: string;
  wsUrl: string;
  pid: number;
  rows: number;
  authorization: string;
  /** Writes per measured phase. */
  changes: number;
  watchers: number;
  log(message: string): void;
}

const WINDOW = `query Window($id: ID!, $first: Int!, $after: String, $orderBy: RowOrder!) @live {
  dataset(id: $id) { rows(first: $first, after: $after, orderBy: $orderBy) { nodes { id label value } pageInfo { endCursor hasNextPage } totalCount } }
}`;
const SET_VALUE = 'mutation Set($id: ID!, $value: Float!) { setRowValue(id: $id, value: $value) { id } }';

/** Server CPU time so far, in ms (all threads). */
export function serverCpuMs(pid: number): number {
  const ns = schedstatNs(pid);
  return ns !== null ? ns / 1e6 : (cpuTicks(pid) * 1000) / clockTicksPerSecond();
}

async function setValue(ctx: PhaseContext, row: number, value: number): Promise<void> {
  await postGraphQL(ctx.httpUrl, SET_VALUE, { id: `r${row}`, value }, ctx.authorization);
}

/** A uniformly random row number of the dataset from `from` on. */
function randomRow(ctx: PhaseContext, from = 1): number {
  return from + Math.floor(Math.random() * (ctx.rows - from + 1));
}

/** Time to a live window's first result (a fresh socket each, a distinct window each) and to a plain query of it. */
export interface FirstPageResult {
  order: string;
  liveMs: Distribution;
  httpMs: Distribution;
  bytes: number;
}

/** First results of 50-row windows: the first page, then pages after random places in the order. */
export async function measureFirstPages(ctx: PhaseContext, order: 'POSITION_ASC' | 'VALUE_DESC', repeats: number): Promise<FirstPageResult> {
  const live: number[] = [];
  const http: number[] = [];
  let bytes = 0;
  for (let i = 0; i < repeats; i++) {
    const place = randomRow(ctx);
    const after = i === 0 ? null : rowCursor(order, { seq: String(place), value: seededValue(place) });
    const variables = { id: BIG_DATASET_ID, first: 50, after, orderBy: order };
    const started = performance.now();
    const socket = await openLiveSocket(ctx.wsUrl, { onUpdate: () => {}, onParsedNext: (_id, _payload, size) => void (bytes = size) });
    const subscribed = performance.now();
    await socket.subscribe('p', WINDOW, variables);
    live.push(performance.now() - subscribed);
    socket.close();
    const before = performance.now();
    await postGraphQL(ctx.httpUrl, WINDOW.replace(' @live', ''), variables);
    http.push(performance.now() - before);
    if (performance.now() - started > 30_000) break;
  }
  return { order, liveMs: distribution(live), httpMs: distribution(http), bytes };
}

/** One kind of single-value change against live windows. */
export interface ChangeResult {
  name: string;
  changes: number;
  cpuMsPerChange: number;
  /** Updates the watchers received for these changes (all watchers together). */
  updates: number;
  /** Write start → the last watcher's update, for changes that produce one. */
  latencyMs: Distribution;
  patchBytes: Distribution;
}

/** The write path alone: value changes with no live query of the dataset. */
export async function measureWritesAlone(ctx: PhaseContext): Promise<ChangeResult> {
  const cpu = serverCpuMs(ctx.pid);
  for (let i = 0; i < ctx.changes; i++) await setValue(ctx, randomRow(ctx, 1_000), Math.random() * 10_000);
  return { name: 'value change, no live query', changes: ctx.changes, cpuMsPerChange: (serverCpuMs(ctx.pid) - cpu) / ctx.changes, updates: 0, latencyMs: distribution([]), patchBytes: distribution([]) };
}

/** Value changes of a row inside, then of rows outside, a live 50-row window by position. */
export async function measureInsideOutside(ctx: PhaseContext): Promise<ChangeResult[]> {
  const watchers = await watchWindow(ctx.wsUrl, ctx.watchers, WINDOW, { id: BIG_DATASET_ID, first: 50, orderBy: 'POSITION_ASC' });
  try {
    const latency: number[] = [];
    let cpu = serverCpuMs(ctx.pid);
    for (let i = 0; i < ctx.changes; i++) {
      const started = performance.now();
      await setValue(ctx, 25, 20_000 + i);
      if (!(await watchers.waitForUpdates((i + 1) * ctx.watchers, 10_000))) throw new Error(`inside change ${i}: not every watcher got a patch`);
      latency.push(Math.max(...watchers.updates.slice(i * ctx.watchers).map((u) => u.at)) - started);
    }
    const inside: ChangeResult = {
      name: 'value change inside a live 50-row window',
      changes: ctx.changes,
      cpuMsPerChange: (serverCpuMs(ctx.pid) - cpu) / ctx.changes,
      updates: watchers.updates.length,
      latencyMs: distribution(latency),
      patchBytes: distribution(watchers.updates.filter((u) => u.watcher === 0).map((u) => u.bytes)),
    };
    const seen = watchers.updates.length;
    cpu = serverCpuMs(ctx.pid);
    for (let i = 0; i < ctx.changes; i++) await setValue(ctx, randomRow(ctx, 1_000), Math.random() * 10_000);
    const outsideCpu = serverCpuMs(ctx.pid) - cpu;
    // One more change inside: once every watcher has it, anything sent for the changes outside came before it.
    await setValue(ctx, 25, -1);
    if (!(await watchers.waitForUpdates(seen + ctx.watchers, 10_000))) throw new Error('the change after the outside ones did not arrive');
    const outside: ChangeResult = {
      name: 'value change outside a live 50-row window',
      changes: ctx.changes,
      cpuMsPerChange: outsideCpu / ctx.changes,
      updates: watchers.updates.length - seen - ctx.watchers,
      latencyMs: distribution([]),
      patchBytes: distribution([]),
    };
    return [inside, outside];
  } finally {
    watchers.close();
  }
}

/** A live top 10 by value under random value changes (about one in ten enters it). */
export interface TopTenResult extends ChangeResult {
  /** Whether watcher 0's state equals a fresh query at the end. */
  /** The RFC 6902 patch alone, as JSON (patchBytes is the whole message around it). */
  patchJsonBytes: Distribution;
  exact: boolean;
}

export async function measureTopTen(ctx: PhaseContext): Promise<TopTenResult> {
  const variables = { id: BIG_DATASET_ID, first: 10, orderBy: 'VALUE_DESC' };
  const watchers = await watchWindow(ctx.wsUrl, ctx.watchers, WINDOW, variables);
  try {
    const starts: number[] = [];
    const cpu = serverCpuMs(ctx.pid);
    for (let i = 0; i < ctx.changes; i++) {
      starts.push(performance.now());
      await setValue(ctx, randomRow(ctx), Math.random() * 11_000);
    }
    await sleep(1_000); // trailing patches of the last changes (idle CPU in it is counted: a few ms)
    const cpuMs = serverCpuMs(ctx.pid) - cpu;
    const own = watchers.updates.filter((u) => u.watcher === 0);
    // Each update answers the latest write started before it.
    const latency = own.map((u) => u.at - (starts.filter((s) => s <= u.at).pop() ?? u.at));
    const fresh = await postGraphQL(ctx.httpUrl, WINDOW.replace(' @live', ''), variables);
    let state = (watchers.firstPayload?.data ?? null) as JsonObject | null;
    for (const u of own) state = fastJsonPatch.applyPatch(state, u.payload.patch as fastJsonPatch.Operation[], false, false).newDocument;
    return {
      name: 'random value changes, live top 10 by value',
      changes: ctx.changes,
      cpuMsPerChange: cpuMs / ctx.changes,
      updates: watchers.updates.length,
      latencyMs: distribution(latency),
      patchBytes: distribution(own.map((u) => u.bytes)),
      patchJsonBytes: distribution(own.map((u) => Buffer.byteLength(JSON.stringify(u.payload.patch)))),
      exact: JSON.stringify(state) === JSON.stringify(fresh),
    };
  } finally {
    watchers.close();
  }
}
