/** The write benchmark's report (bench/writes.ts) and its Markdown. */
import type { RunHeader } from '../fanout/fanoutReport.js';
import type { ServerPlacement } from '../fanout/runSession.js';
import type { ProfileSummary } from '../fanout/summarizeProfile.js';
import { round } from '../fanout/stats.js';
import type { ScenarioResult } from '../fanout/types.js';
import type { StageTime } from './profileStages.js';

/** Everything a run measured, with its context. */
export interface WritesReport extends RunHeader {
  /** Writes per request in the batched runs. */
  batch: number;
  placements: ServerPlacement[];
  results: { storage: string; result: ScenarioResult }[];
  profiles: { scenario: string; writes: number; summary: ProfileSummary; stages: StageTime[] }[];
  failures: string[];
}

const SERVERS = ['livedoc', 'peer', 'raw'] as const;
const num = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: 3 }));
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || !b ? '–' : `${round(a / b)}×`);

/** CPU per write of a result (rounds: CPU per round over its writes). */
export function cpuPerWrite(r: ScenarioResult): number | null {
  if (!r.cpu) return null;
  return r.writesPerSecond !== undefined ? r.cpu.perUpdateMs : r.cpu.perUpdateMs / (r.writesPerRound ?? 1);
}

function roundsTable(report: WritesReport, scenario: string): string[] {
  const of = (server: string) => report.results.find((e) => e.result.scenario === scenario && e.result.server === server)?.result;
  const rows: [string, (r: ScenarioResult) => number | null | undefined][] = [
    ['server CPU per round of 100 writes (ms)', (r) => r.cpu?.perUpdateMs],
    ['server CPU per write (ms)', cpuPerWrite],
    ['server CPU per round, net of idle (ms)', (r) => r.cpu?.netPerUpdateMs],
    ['round time p50 (100 writes → last patch) (ms)', (r) => r.fanoutMs.p50],
    ['mutation round trip p50 (ms)', (r) => r.writeMs.p50],
    ['delivered / expected', (r) => (r.expectedDeliveries ? round(r.delivered / r.expectedDeliveries) : null)],
  ];
  const lines = [`| metric | ${SERVERS.join(' | ')} | livedoc / peer | livedoc / raw |`, '|---|---:|---:|---:|---:|---:|'];
  for (const [metric, pick] of rows) {
    const [l, p, r] = SERVERS.map((s) => {
      const result = of(s);
      return result ? pick(result) : null;
    });
    lines.push(`| ${metric} | ${num(l)} | ${num(p)} | ${num(r)} | ${ratio(l, p)} | ${ratio(l, r)} |`);
  }
  return lines;
}

function sustainedTable(report: WritesReport): string[] {
  const lines = [
    '| storage | writes per request | acknowledged writes/s | server CPU per write (ms) | net of idle (ms) | request round trip p50 / p99 (ms) | notes |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const { storage, result: r } of report.results.filter((e) => e.result.writesPerSecond !== undefined)) {
    const perRequest = r.scenario.includes('per-request') ? report.batch : 1;
    const notes = [...r.errors, ...r.notes].join('; ') || '–';
    lines.push(
      `| ${storage} | ${perRequest} | ${num(r.writesPerSecond)} | ${num(cpuPerWrite(r))} | ${num(r.cpu?.netPerUpdateMs)} | ${num(r.writeMs.p50)} / ${num(r.writeMs.p99)} | ${notes} |`,
    );
  }
  return lines;
}

function profileSection(p: WritesReport['profiles'][number]): string[] {
  const perWrite = (ms: number) => round(ms / p.writes);
  return [
    `### ${p.scenario} (${p.writes} writes under the profiler)`,
    '',
    `${p.summary.busyMs} ms busy (${perWrite(p.summary.busyMs)} ms per write, slowed by the profiler), ${p.summary.idleMs} ms idle.`,
    '',
    '| stage | ms | ms per write | % of busy |',
    '|---|---:|---:|---:|',
    ...p.stages.map((s) => `| ${s.stage} | ${s.ms} | ${perWrite(s.ms)} | ${s.percent} |`),
    '',
    '| top self time: function | ms | % of busy |',
    '|---|---:|---:|',
    ...p.summary.topFunctions.slice(0, 15).map((f) => `| \`${f.name}\` | ${f.selfMs} | ${f.percent} |`),
    '',
  ];
}

/** The report as Markdown. */
export function writesMarkdown(report: WritesReport): string {
  const roundScenarios = [...new Set(report.results.filter((e) => e.result.writesPerSecond === undefined).map((e) => e.result.scenario))];
  return [
    '# Write path: 1,000 watchers, each on its own document',
    '',
    `\`${report.command}\` on ${report.date} (${report.durationS} s; node ${report.node}; ${report.pinning}).`,
    `Source: ${report.source.commit}${report.source.uncommittedServerFiles ? ` with ${report.source.uncommittedServerFiles} uncommitted server files` : ''}.`,
    '',
    '## Rounds of 100 writes, side by side',
    '',
    'Each round writes 100 distinct documents (one per watcher) and waits until every patch arrived, then 100 ms. ' +
      `Single: 100 requests of one \`updateDocument\`; batched: 4 requests of ${report.batch} aliases. livedoc on embedded PGlite (the default).`,
    '',
    ...roundScenarios.flatMap((scenario) => [`### ${scenario}`, '', ...roundsTable(report, scenario), '']),
    '## Sustained writes (livedoc)',
    '',
    'Four request loops, each sending its next request once the previous is answered, with 1,000 watchers live; ' +
      'every acknowledged write must reach its watcher afterwards. CPU is the server process over the phase, per acknowledged write.',
    '',
    ...sustainedTable(report),
    '',
    ...(report.profiles.length > 0
      ? ['## Where the time goes (livedoc, rounds, under the V8 profiler)', '', 'Stages: bench/writes/profileStages.ts.', '', ...report.profiles.flatMap(profileSection)]
      : []),
    ...(report.failures.length > 0 ? ['## Failures', '', ...report.failures.map((f) => `- ${f}`), ''] : []),
  ].join('\n');
}
