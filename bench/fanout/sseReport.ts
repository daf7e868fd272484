/**
 * Issue 14's rows: livedoc with every watcher live over SSE (one HTTP/1.1 connection each) against
 * the same scenario over graphql-ws, in the same run (the peers have no SSE), and the target: SSE
 * within 1.3× of WebSocket in server CPU per update and delivery latency p50 and p99.
 */
import type { TargetCheck } from './report.js';
import { NAMES } from './scenarios.js';
import { compareTwins, livedocResult, withinTwin, type TwinComparison, type TwinPair } from './twinReport.js';
import type { ScenarioResult } from './types.js';

/** The SSE scenarios (each pair's scenario) and the graphql-ws scenarios they are compared with (its twin). */
const PAIRS: readonly (TwinPair & { watchers: string })[] = [
  { scenario: NAMES.sse1000, twin: NAMES.fanout1000, watchers: '1,000' },
  { scenario: NAMES.sse5000, twin: NAMES.fanout5000, watchers: '5,000' },
];

/** How close SSE must come to WebSocket. */
const LIMIT = 1.3;

/** The SSE scenarios of `results` beside their graphql-ws twins (only those that ran on livedoc). */
export function compareSse(results: ScenarioResult[]): TwinComparison[] {
  return compareTwins(results, PAIRS);
}

/** Issue 14's targets, for each SSE scenario that ran. */
export function sseTargets(results: ScenarioResult[]): TargetCheck[] {
  return PAIRS.flatMap((pair) => {
    const sse = livedocResult(results, pair.scenario);
    if (!sse) return [];
    const ws = livedocResult(results, pair.twin);
    const within = (what: string, value: number | null | undefined, twin: number | null | undefined) =>
      withinTwin(`one doc × ${pair.watchers} watchers over SSE: ${what} ≤ ${LIMIT}× graphql-ws`, value, twin, LIMIT, '× ws',
        `${value ?? '-'} ms over SSE vs ${twin ?? '-'} ms over graphql-ws`);
    return [
      within('server CPU per update', sse.cpu?.perUpdateMs, ws?.cpu?.perUpdateMs),
      within('latency p50', sse.latencyMs.p50, ws?.latencyMs.p50),
      within('latency p99', sse.latencyMs.p99, ws?.latencyMs.p99),
    ];
  });
}
