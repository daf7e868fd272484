/**
 * Issue 12's rows: livedoc with distinct signed-in viewers against the same scenario with anonymous
 * watchers, in the same run (the peers have no viewers), and the targets: 5,000 distinct viewers of
 * one PUBLIC document cost within 1.2× of 5,000 anonymous watchers, and stay in one engine group.
 */
import type { TargetCheck } from './report.js';
import { NAMES } from './scenarios.js';
import { ratio } from './stats.js';
import { compareTwins, livedocResult, withinTwin, type TwinComparison, type TwinPair } from './twinReport.js';
import type { ScenarioResult } from './types.js';

/** The viewer scenarios (each pair's scenario) and the anonymous scenarios they are compared with (its twin). */
const PAIRS: readonly TwinPair[] = [
  { scenario: NAMES.viewers5000, twin: NAMES.fanout5000 },
  { scenario: NAMES.ownPrivate, twin: NAMES.ownDoc },
];

/** The viewer scenarios of `results` beside their anonymous twins (only those that ran on livedoc). */
export function compareViewers(results: ScenarioResult[]): TwinComparison[] {
  return compareTwins(results, PAIRS);
}

const within = (target: string, viewers: number | null | undefined, anonymous: number | null | undefined, unit: string) =>
  withinTwin(target, viewers, anonymous, 1.2, '× anonymous',
    `${viewers ?? '-'} ${unit} with 5,000 distinct viewers vs ${anonymous ?? '-'} ${unit} with 5,000 anonymous watchers`);

/** Issue 12's targets, when the 5,000-viewer scenario ran. */
export function viewerTargets(results: ScenarioResult[]): TargetCheck[] {
  const viewers = livedocResult(results, NAMES.viewers5000);
  if (!viewers) return [];
  const anonymous = livedocResult(results, NAMES.fanout5000);
  const groups = viewers.engineGroups ?? null;
  return [
    within('5,000 distinct viewers of one public document: server CPU per update ≤ 1.2× anonymous', viewers.cpu?.perUpdateMs, anonymous?.cpu?.perUpdateMs, 'ms'),
    within('5,000 distinct viewers: latency p50 ≤ 1.2× anonymous', viewers.latencyMs.p50, anonymous?.latencyMs.p50, 'ms'),
    within('5,000 distinct viewers: latency p99 ≤ 1.2× anonymous', viewers.latencyMs.p99, anonymous?.latencyMs.p99, 'ms'),
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
