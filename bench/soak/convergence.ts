/**
 * The end check of the clients: once writes stopped, every client's latest result of every live query
 * (and every slow reader's state) must equal a fresh query of the same operation by the same viewer.
 * Clients still catching up get until `timeoutMs`; what then still differs is reported with the first
 * path where it differs.
 */
import { jsonEqual, type JsonValue } from '../../wire/json.js';
import { runLimited, sleep } from '../fanout/stats.js';
import type { Cluster } from './cluster.js';
import { operationKey, type LiveOperation } from './operations.js';

/** One state to compare: whose, which operation, and how to read it now. */
export interface ObservedState {
  /** e.g. `client 12` or `slow reader 3`. */
  who: string;
  viewer: string;
  operation: LiveOperation;
  /** The latest data it holds (undefined: none), and the errors of that result. */
  read(): { data: JsonValue | undefined; errors?: string };
}

/** How the comparison came out. */
export interface ConvergenceResult {
  states: number;
  /** Distinct operations × viewers queried fresh. */
  freshQueries: number;
  mismatched: number;
  /** ms from the start of the check until every state matched (null: some never did). */
  convergedAfterMs: number | null;
  /** The first mismatches, described. */
  examples: string[];
}

interface Fresh {
  data: JsonValue | undefined;
  errors?: string;
}

async function freshQuery(url: string, op: LiveOperation, authorization: string): Promise<Fresh> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization },
    body: JSON.stringify({ query: op.fresh, variables: op.variables }),
  });
  const body = (await response.json()) as { data?: JsonValue; errors?: unknown };
  return { data: body.data, ...(body.errors !== undefined && { errors: JSON.stringify(body.errors).slice(0, 300) }) };
}

/** The first path at which `a` and `b` differ, with both values there (shortened). */
export function firstDifference(a: JsonValue | undefined, b: JsonValue | undefined, path = ''): string {
  if (a !== undefined && b !== undefined && jsonEqual(a, b)) return '';
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const inner = firstDifference(a[i], b[i], `${path}/${i}`);
      if (inner) return inner;
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const inner = firstDifference(a[key], b[key], `${path}/${key}`);
      if (inner) return inner;
    }
  }
  const show = (v: JsonValue | undefined) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 120));
  return `${path || '/'}: ${show(a)} vs fresh ${show(b)}`;
}

/** Compares every state with a fresh query (asked once per operation and viewer), retrying mismatches until `timeoutMs`. */
export async function checkConvergence(
  states: readonly ObservedState[],
  cluster: Cluster,
  token: (viewer: string) => Promise<string>,
  timeoutMs: number,
): Promise<ConvergenceResult> {
  const started = performance.now();
  const fresh = new Map<string, Fresh>();
  const keys = [...new Map(states.map((s) => [operationKey(s.operation, s.viewer), s])).entries()];
  await runLimited(keys.length, 8, async (i) => {
    const [key, state] = keys[i]!;
    const instances = cluster.upInstances();
    const instance = instances[i % instances.length]!;
    fresh.set(key, await freshQuery(instance.httpUrl, state.operation, `Bearer ${await token(state.viewer)}`));
  });
  const differs = (state: ObservedState) => {
    const expected = fresh.get(operationKey(state.operation, state.viewer))!;
    const held = state.read();
    return held.data === undefined || !jsonEqual(held.data, expected.data ?? null) || held.errors !== expected.errors;
  };
  let pending = states.filter(differs);
  while (pending.length > 0 && performance.now() - started < timeoutMs) {
    await sleep(500);
    pending = pending.filter(differs);
  }
  const examples = pending.slice(0, 10).map((state) => {
    const expected = fresh.get(operationKey(state.operation, state.viewer))!;
    const held = state.read();
    const errors = held.errors === expected.errors ? '' : `; errors ${held.errors ?? 'none'} vs fresh ${expected.errors ?? 'none'}`;
    return `${state.who} (${state.viewer}, ${state.operation.name} ${JSON.stringify(state.operation.variables)}): ${firstDifference(held.data, expected.data)}${errors}`;
  });
  return {
    states: states.length,
    freshQueries: keys.length,
    mismatched: pending.length,
    convergedAfterMs: pending.length === 0 ? Math.round(performance.now() - started) : null,
    examples,
  };
}
