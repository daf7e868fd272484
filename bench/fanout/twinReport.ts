/**
 * livedoc's rows that vary one thing of another row of the same run (who the watchers are, how they
 * are live), side by side with that twin: the same metrics, their ratio, and target checks on it.
 * The viewer rows (viewerReport.ts) and the SSE rows (sseReport.ts) are compared this way.
 */
import type { EngineGroups } from './engineGroups.js';
import type { TargetCheck } from './report.js';
import { ratio } from './stats.js';
import type { ScenarioResult } from './types.js';

/** One metric of a scenario beside its twin's. */
export interface TwinMetricRow {
  metric: string;
  unit: string;
  value: number | null;
  twin: number | null;
  /** value / twin. */
  ratio: number | null;
}

/** A scenario and its twin, side by side (livedoc). */
export interface TwinComparison {
  scenario: string;
  twinScenario: string;
  metrics: TwinMetricRow[];
  /** The engine's groups of each one's documents (null: unread or not run). */
  groups: { scenario: EngineGroups | null; twin: EngineGroups | null };
}

/** A scenario and the one it is compared with. */
export interface TwinPair {
  scenario: string;
  twin: string;
}

type Pick = (r: ScenarioResult) => number | null | undefined;

/** CPU per write of an ownDoc result (its CPU is per round), per update otherwise. */
const perWrite = (r: ScenarioResult, ms: number | undefined) => (ms === undefined ? null : ms / (r.writesPerRound ?? 1));

const METRICS: { metric: (r: ScenarioResult) => string; unit: string; pick: Pick }[] = [
  { metric: (r) => `server CPU per ${r.kind === 'ownDoc' ? 'write' : 'update'}`, unit: 'ms', pick: (r) => perWrite(r, r.cpu?.perUpdateMs) },
  { metric: (r) => `server CPU per ${r.kind === 'ownDoc' ? 'write' : 'update'}, net of idle (schedstat)`, unit: 'ms', pick: (r) => perWrite(r, r.cpu?.netPerUpdateMs) },
  { metric: (r) => (r.kind === 'ownDoc' ? 'round time p50 (100 writes → last patch)' : 'fan-out p50 (send → last client)'), unit: 'ms', pick: (r) => r.fanoutMs.p50 },
  { metric: () => 'latency p50', unit: 'ms', pick: (r) => r.latencyMs.p50 },
  { metric: () => 'latency p99', unit: 'ms', pick: (r) => r.latencyMs.p99 },
  { metric: () => 'mutation round trip p50 (HTTP response)', unit: 'ms', pick: (r) => r.writeMs.p50 },
  { metric: () => 'subscribe all', unit: 'ms', pick: (r) => r.subscribeAllMs },
  { metric: () => 'server idle CPU', unit: 'ms/s', pick: (r) => r.cpu?.idleMsPerSecond },
  { metric: () => 'JS heap per live query (after forced GC)', unit: 'bytes', pick: (r) => r.memory.heapPerLiveQueryBytes },
  { metric: () => 'bytes per update per client', unit: 'bytes', pick: (r) => r.bytesPerUpdatePerClient },
  { metric: () => 'engine groups of the scenario\'s documents', unit: '', pick: (r) => r.engineGroups?.groups },
  { metric: () => 'delivered / expected', unit: '', pick: (r) => (r.expectedDeliveries ? r.delivered / r.expectedDeliveries : null) },
];

const rounded = (value: number | null | undefined) => (value == null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100);

/** livedoc's result of `scenario` in `results`. */
export const livedocResult = (results: ScenarioResult[], scenario: string) =>
  results.find((r) => r.scenario === scenario && r.server === 'livedoc');

/** Each pair whose scenario ran on livedoc, beside its twin (whose values are null when it did not run). */
export function compareTwins(results: ScenarioResult[], pairs: readonly TwinPair[]): TwinComparison[] {
  return pairs.flatMap((pair) => {
    const result = livedocResult(results, pair.scenario);
    if (!result) return [];
    const twin = livedocResult(results, pair.twin);
    const metrics = METRICS.map((m) => {
      const [value, other] = [rounded(m.pick(result)), twin ? rounded(m.pick(twin)) : null];
      return { metric: m.metric(result), unit: m.unit, value, twin: other, ratio: ratio(value, other) };
    }).filter((row) => row.value !== null || row.twin !== null);
    return [{
      scenario: pair.scenario,
      twinScenario: pair.twin,
      metrics,
      groups: { scenario: result.engineGroups ?? null, twin: twin?.engineGroups ?? null },
    }];
  });
}

/**
 * The target "`value` is within `limit`× its twin's": met when value / twin ≤ limit; `unit` names
 * the twin (e.g. `× anonymous`), `detail` says what was compared.
 */
export function withinTwin(target: string, value: number | null | undefined, twin: number | null | undefined, limit: number, unit: string, detail: string): TargetCheck {
  const measured = ratio(value, twin);
  return {
    target,
    value: measured,
    limit,
    unit,
    met: measured === null ? null : measured <= limit,
    ofLimit: ratio(measured, limit),
    detail,
  };
}
