/**
 * Issue 12's rows: livedoc with distinct signed-in viewers against the same scenario with anonymous
 * watchers, in the same run (the peers have no viewers), and the targets: 5,000 distinct viewers of
 * one PUBLIC document cost within 1.2× of 5,000 anonymous watchers, and stay in one engine group.
 */
import type { EngineGroups } from './engineGroups.js';
import type { TargetCheck } from './report.js';
import { NAMES } from './scenarios.js';
import { ratio } from './stats.js';
import type { ScenarioResult } from './types.js';

/** One metric of a viewer scenario beside its anonymous twin. */
export interface ViewerMetricRow {
  metric: string;
  unit: string;
  viewers: number | null;
  anonymous: number | null;
  /** viewers / anonymous. */
  ratio: number | null;
}

/** A viewer scenario and its anonymous twin, side by side (livedoc). */
export interface ViewerComparison {
  scenario: string;
  anonymousScenario: string;
  metrics: ViewerMetricRow[];
  /** The engine's groups of the scenario's documents in each (null: unread or not run). */
  groups: { viewers: EngineGroups | null; anonymous: EngineGroups | null };
}

/** The viewer scenarios and the anonymous scenarios they are compared with. */
const PAIRS = [
  { viewers: NAMES.viewers5000, anonymous: NAMES.fanout5000 },
  { viewers: NAMES.ownPrivate, anonymous: NAMES.ownDoc },
] as const;

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
  { metric: () => 'engine groups of the scenario\'s documents', unit: '', pick: (r) => r.engineGroups?.groups },
  { metric: () => 'delivered / expected', unit: '', pick: (r) => (r.expectedDeliveries ? r.delivered / r.expectedDeliveries : null) },
];

const rounded = (value: number | null | undefined) => (value == null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100);

const livedoc = (results: ScenarioResult[], scenario: string) => results.find((r) => r.scenario === scenario && r.server === 'livedoc');

/** The viewer scenarios of `results` beside their anonymous twins (only those that ran on livedoc). */
export function compareViewers(results: ScenarioResult[]): ViewerComparison[] {
  return PAIRS.flatMap((pair) => {
    const viewers = livedoc(results, pair.viewers);
    if (!viewers) return [];
    const anonymous = livedoc(results, pair.anonymous);
    const metrics = METRICS.map((m) => {
      const [v, a] = [rounded(m.pick(viewers)), anonymous ? rounded(m.pick(anonymous)) : null];
      return { metric: m.metric(viewers), unit: m.unit, viewers: v, anonymous: a, ratio: ratio(v, a) };
    }).filter((row) => row.viewers !== null || row.anonymous !== null);
    return [{
      scenario: pair.viewers,
      anonymousScenario: pair.anonymous,
      metrics,
      groups: { viewers: viewers.engineGroups ?? null, anonymous: anonymous?.engineGroups ?? null },
    }];
  });
}

function within(target: string, viewers: number | null | undefined, anonymous: number | null | undefined, limit: number, unit: string): TargetCheck {
  const value = ratio(viewers, anonymous);
  return {
    target,
    value,
    limit,
    unit: '× anonymous',
    met: value === null ? null : value <= limit,
    ofLimit: ratio(value, limit),
    detail: `${viewers ?? '-'} ${unit} with 5,000 distinct viewers vs ${anonymous ?? '-'} ${unit} with 5,000 anonymous watchers`,
  };
}

/** Issue 12's targets, when the 5,000-viewer scenario ran. */
export function viewerTargets(results: ScenarioResult[]): TargetCheck[] {
  const viewers = livedoc(results, NAMES.viewers5000);
  if (!viewers) return [];
  const anonymous = livedoc(results, NAMES.fanout5000);
  const groups = viewers.engineGroups ?? null;
  return [
    within('5,000 distinct viewers of one public document: server CPU per update ≤ 1.2× anonymous', viewers.cpu?.perUpdateMs, anonymous?.cpu?.perUpdateMs, 1.2, 'ms'),
    within('5,000 distinct viewers: latency p50 ≤ 1.2× anonymous', viewers.latencyMs.p50, anonymous?.latencyMs.p50, 1.2, 'ms'),
    within('5,000 distinct viewers: latency p99 ≤ 1.2× anonymous', viewers.latencyMs.p99, anonymous?.latencyMs.p99, 1.2, 'ms'),
    {
      target: '5,000 distinct viewers of one public document: one engine group (shared execution stays shared)',
      value: groups?.groups ?? null,
      limit: 1,
      unit: 'groups',
      met: groups ? groups.groups === 1 : null,
      ofLimit: groups ? ratio(groups.groups, 1) : null,
      detail: groups
        ? `${groups.groups} group(s) with ${groups.members} subscriptions for the document (anonymous run: ${anonymous?.engineGroups?.groups ?? '-'}); ${groups.total} open groups in the engine`
        : 'not read (the server\'s inspector was not available or the heap walk failed: see the scenario\'s errors)',
    },
  ];
}
