/** Turns scenario results into side-by-side comparisons (ratios) and the issue 5 target checks. */
import { NAMES } from './scenarios.js';
import { ratio } from './stats.js';
import type { ScenarioResult, ServerKind } from './types.js';
import { sseTargets } from './sseReport.js';
import { viewerTargets } from './viewerReport.js';

/** One metric of one scenario on the three servers. */
export interface MetricRow {
  metric: string;
  unit: string;
  livedoc: number | null;
  peer: number | null;
  raw: number | null;
  livedocOverRaw: number | null;
  peerOverLivedoc: number | null;
}

/** Every metric of one scenario. */
export interface Comparison {
  scenario: string;
  metrics: MetricRow[];
}

/** One target of issue 5, checked against livedoc's numbers. */
export interface TargetCheck {
  target: string;
  /** What was measured, in the target's unit (a ratio, ms, bytes, count). */
  value: number | null;
  limit: number;
  unit: string;
  met: boolean | null;
  /** value / limit: how far from the target (≤ 1 is met). */
  ofLimit: number | null;
  detail: string;
}

type Pick = (r: ScenarioResult) => number | null | undefined;

const METRICS: { metric: string; unit: string; pick: Pick; only?: ScenarioResult['kind'][] }[] = [
  { metric: 'subscribe all', unit: 'ms', pick: (r) => r.subscribeAllMs },
  { metric: 'fan-out p50 (send → last client)', unit: 'ms', pick: (r) => r.fanoutMs.p50, only: ['oneDoc', 'dataset', 'insertHead'] },
  { metric: 'fan-out p90', unit: 'ms', pick: (r) => r.fanoutMs.p90, only: ['oneDoc', 'dataset', 'insertHead'] },
  { metric: 'round time p50 (100 writes → last patch)', unit: 'ms', pick: (r) => r.fanoutMs.p50, only: ['ownDoc'] },
  { metric: 'latency p50', unit: 'ms', pick: (r) => r.latencyMs.p50 },
  { metric: 'latency p90', unit: 'ms', pick: (r) => r.latencyMs.p90 },
  { metric: 'latency p99', unit: 'ms', pick: (r) => r.latencyMs.p99 },
  { metric: 'latency max', unit: 'ms', pick: (r) => r.latencyMs.max },
  { metric: 'mutation round trip p50 (HTTP response)', unit: 'ms', pick: (r) => r.writeMs.p50 },
  { metric: 'server CPU per update', unit: 'ms', pick: (r) => r.cpu?.perUpdateMs, only: ['oneDoc', 'dataset', 'insertHead'] },
  { metric: 'server CPU per round of 100 writes', unit: 'ms', pick: (r) => r.cpu?.perUpdateMs, only: ['ownDoc'] },
  { metric: 'server CPU per update, net of idle (schedstat)', unit: 'ms', pick: (r) => r.cpu?.netPerUpdateMs },
  { metric: 'server idle CPU', unit: 'ms/s', pick: (r) => r.cpu?.idleMsPerSecond },
  { metric: 'RSS idle', unit: 'MiB', pick: (r) => r.memory.idleBytes / 2 ** 20 },
  { metric: 'RSS per live query (after forced GC)', unit: 'bytes', pick: (r) => r.memory.perLiveQueryBytes },
  { metric: 'JS heap per live query (after forced GC)', unit: 'bytes', pick: (r) => r.memory.heapPerLiveQueryBytes },
  { metric: 'bytes per update per client', unit: 'bytes', pick: (r) => r.bytesPerUpdatePerClient },
  { metric: 'patch ops per update', unit: 'ops', pick: (r) => r.patchOps?.mean },
  { metric: 'patch bytes per update', unit: 'bytes', pick: (r) => r.patchBytes },
  { metric: 'delivered / expected', unit: '', pick: (r) => (r.expectedDeliveries ? r.delivered / r.expectedDeliveries : null) },
];

const rounded = (value: number | null | undefined) => (value == null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100);

/** Compares the servers scenario by scenario, in the order the scenarios first appear. */
export function compare(results: ScenarioResult[]): Comparison[] {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  return scenarios.map((scenario) => {
    const by = (server: ServerKind) => results.find((r) => r.scenario === scenario && r.server === server);
    const kind = results.find((r) => r.scenario === scenario)!.kind;
    const metrics = METRICS.filter((m) => !m.only || m.only.includes(kind))
      .map((m) => {
        const value = (server: ServerKind) => {
          const result = by(server);
          return result ? rounded(m.pick(result)) : null;
        };
        const [livedoc, peer, raw] = [value('livedoc'), value('peer'), value('raw')];
        return { metric: m.metric, unit: m.unit, livedoc, peer, raw, livedocOverRaw: ratio(livedoc, raw), peerOverLivedoc: ratio(peer, livedoc) };
      })
      .filter((row) => row.livedoc !== null || row.peer !== null || row.raw !== null);
    return { scenario, metrics };
  });
}

function check(target: string, value: number | null, limit: number, unit: string, detail: string): TargetCheck {
  return {
    target,
    value: rounded(value),
    limit,
    unit,
    met: value === null ? null : value <= limit,
    ofLimit: value === null ? null : ratio(value, limit),
    detail,
  };
}

/** Checks livedoc against the targets of issue 5, of issue 12 when its viewer rows ran and of issue 14 when its SSE rows ran. */
export function checkTargets(results: ScenarioResult[]): TargetCheck[] {
  const get = (scenario: string, server: ServerKind) => results.find((r) => r.scenario === scenario && r.server === server);
  const lr = (scenario: string, pick: Pick) => {
    const [l, r] = [get(scenario, 'livedoc'), get(scenario, 'raw')];
    return { l: l ? (pick(l) ?? null) : null, r: r ? (pick(r) ?? null) : null };
  };
  const checks: TargetCheck[] = [];

  const cpu5000 = lr(NAMES.fanout5000, (r) => r.cpu?.perUpdateMs);
  const idle5000 = lr(NAMES.fanout5000, (r) => r.cpu?.idleMsPerSecond);
  checks.push(check('one doc × 5,000 watchers: server CPU per update ≤ 1.5× raw', ratio(cpu5000.l, cpu5000.r), 1.5, '× raw',
    `livedoc ${cpu5000.l} ms vs raw ${cpu5000.r} ms per update; idle CPU (keep-alive pings, which raw does not send) ` +
      `${idle5000.l} vs ${idle5000.r} ms/s`));
  const cpu20000 = lr(NAMES.fanout20000, (r) => r.cpu?.perUpdateMs);
  const idle20000 = lr(NAMES.fanout20000, (r) => r.cpu?.idleMsPerSecond);
  checks.push(check('one doc × 20,000 watchers (10,000 sockets × 2): server CPU per update ≤ 1.2× raw', ratio(cpu20000.l, cpu20000.r), 1.2, '× raw',
    `livedoc ${cpu20000.l} ms vs raw ${cpu20000.r} ms per update; idle CPU ${idle20000.l} vs ${idle20000.r} ms/s`));
  const p50_5000 = lr(NAMES.fanout5000, (r) => r.latencyMs.p50);
  checks.push(check('one doc × 5,000 watchers: latency p50 ≤ 1.5× raw', ratio(p50_5000.l, p50_5000.r), 1.5, '× raw',
    `livedoc ${p50_5000.l} ms vs raw ${p50_5000.r} ms`));
  const p50_100 = lr(NAMES.fanout100, (r) => r.latencyMs.p50);
  checks.push(check('100 watchers @ 100 ms: latency p50 ≤ 2× raw', ratio(p50_100.l, p50_100.r), 2, '× raw',
    `livedoc ${p50_100.l} ms vs raw ${p50_100.r} ms`));
  const round = lr(NAMES.ownDoc, (r) => r.cpu?.perUpdateMs);
  checks.push(check('1,000 watchers on own documents: server CPU per round of 100 writes ≤ 3× raw', ratio(round.l, round.r), 3, '× raw',
    `livedoc ${round.l} ms vs raw ${round.r} ms per round`));

  const big = get(NAMES.dataset(10_000), 'livedoc');
  const small = get(NAMES.dataset(100), 'livedoc');
  checks.push(check('10,000-row dataset, one value changes: server CPU per update ≤ 10 ms', big?.cpu?.perUpdateMs ?? null, 10, 'ms',
    `schedstat ${big?.cpu?.schedstatPerUpdateMs ?? '-'} ms, net of idle ${big?.cpu?.netPerUpdateMs ?? '-'} ms`));
  checks.push(check('10,000-row dataset: server CPU per update ≤ 2× the 100-row case', ratio(big?.cpu?.perUpdateMs, small?.cpu?.perUpdateMs), 2, '× 100 rows',
    `${big?.cpu?.perUpdateMs ?? '-'} ms vs ${small?.cpu?.perUpdateMs ?? '-'} ms per update`));
  checks.push(check('10,000-row dataset: patch ≤ 400 bytes', big?.patchBytes ?? null, 400, 'bytes',
    `whole next message ${big?.messageBytes ?? '-'} bytes, ${big?.patchOps?.mean ?? '-'} ops`));

  const idle = get(NAMES.idle, 'livedoc');
  const idleRaw = get(NAMES.idle, 'raw');
  // The JS heap after a forced full GC is the stable reading; RSS also moves with PGlite and malloc.
  const heapPer = idle?.memory.heapPerLiveQueryBytes ?? null;
  checks.push(check('≤ 2 KB server memory per idle live query', heapPer ?? idle?.memory.perLiveQueryBytes ?? null, 2048, 'bytes',
    `5,000 live queries (each its own document) on 100 sockets; JS heap after forced GC per live query ` +
      `${heapPer ?? '-'} bytes (raw floor ${idleRaw?.memory.heapPerLiveQueryBytes ?? '-'}, peer ${get(NAMES.idle, 'peer')?.memory.heapPerLiveQueryBytes ?? '-'}); ` +
      `RSS delta per live query ${idle?.memory.perLiveQueryBytes ?? '-'} bytes (raw ${idleRaw?.memory.perLiveQueryBytes ?? '-'})`));
  const fanout5000 = get(NAMES.fanout5000, 'livedoc');
  const present = [idle, fanout5000].filter((r): r is ScenarioResult => r !== undefined);
  const fewest = present.length ? Math.min(...present.map((r) => r.subscribedCount)) : null;
  checks.push({
    target: '5,000 live queries on one process',
    value: fewest,
    limit: 5000,
    unit: 'live queries',
    met: fewest === null ? null : fewest >= 5000 && present.every((r) => r.allSubscribed),
    ofLimit: fewest === null ? null : ratio(5000, fewest),
    detail: `idle scenario ${idle?.subscribedCount ?? '-'}/${idle?.liveQueries ?? '-'}, 5,000-watcher scenario ${fanout5000?.subscribedCount ?? '-'}/${fanout5000?.liveQueries ?? '-'} subscribed (fewest shown)`,
  });
  checks.push(...viewerTargets(results), ...sseTargets(results));
  return checks;
}
