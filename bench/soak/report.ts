/** The soak's short report in Markdown: the verdict, the checks, the figures behind them and the chart. */
import type { SoakResult } from './result.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => n.toLocaleString('en-US');
const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);

function setting(result: SoakResult): string {
  const o = result.options;
  const restart = result.disruptions.restart;
  return (
    `${count(result.fleet.clients)} clients of the client library (${result.fleet.sse} on SSE, the rest on graphql-ws; ` +
    `${result.fleet.viewers} signed-in viewers; ${count(result.fleet.liveQueries)} live queries) over ${o.instances} instances ` +
    `on PostgreSQL with the Redis bus; ${o.slow} slow readers; writes offered at ${o.writesPerSecond}/s, one per target at a time ` +
    `(${(result.writes.acknowledged / Math.max(1, result.timing.runMs / 1000)).toFixed(1)}/s acknowledged); ${o.disconnectsPerSecond} ` +
    `clients dropped per second (half of them moved to another instance)` +
    (restart ? `; instance ${restart.instance} restarted (SIGTERM) at ${seconds(restart.downAt)}.` : '.') +
    ` Run ${seconds(result.timing.runMs)} after a setup of ${seconds(result.timing.setupMs)}; warm-up ${seconds(result.timing.warmupMs)}.`
  );
}

function figures(result: SoakResult): string[] {
  const { writes, disruptions, slowReaders, latency, fleet, convergence } = result;
  const restart = disruptions.restart;
  const kinds = Object.entries(writes.byKind).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  const closes = Object.entries(slowReaders.closes).map(([code, n]) => `${code}: ${n}`).join(', ') || 'none';
  const l = latency.overall;
  return [
    '| figure | value |',
    '|---|---|',
    `| writes acknowledged | ${count(writes.acknowledged)} (${kinds}) |`,
    `| write latency, sent → acknowledged | p50 ${ms(writes.latencyMs.p50)}, p99 ${ms(writes.latencyMs.p99)}, max ${ms(writes.latencyMs.max)} |`,
    `| writes refused / connection failed / not sent (every target had a write in flight) | ${writes.refused} / ${writes.unknownOutcome} / ${count(writes.skipped)} |`,
    `| connections dropped | ${count(disruptions.disconnects)} (${count(disruptions.moved)} moved to another instance) |`,
    `| client reconnects (ws connections or SSE requests after the first) | ${count(fleet.reconnects)} (SSE ${count(fleet.sseReconnects)}) |`,
    `| states dropped by the client library (re-subscribed) | ${fleet.resubscribes} |`,
    restart
      ? `| restart | instance ${restart.instance}: marked down at ${seconds(restart.downAt)}, SIGTERM ${ms(restart.sigtermAt - restart.downAt)} later (writes drained), exited (${restart.exitCode}) ${ms(restart.exitedAt - restart.sigtermAt)} after SIGTERM, serving again after ${ms(restart.upAt - restart.downAt)}; its ${restart.clients} clients all live ${restart.allBackAt === null ? 'NOT within a minute' : `${ms(restart.allBackAt - restart.upAt)} after that`} |`
      : `| restart | ${disruptions.restartError ?? 'none'} |`,
    `| slow readers | ${slowReaders.opened} sockets opened, ${slowReaders.pauses} pauses, ${seconds(slowReaders.pausedMs)} paused in all; closed under them: ${closes} |`,
    `| delivery latency, title sent → client result (incl. reconnections) | p50 ${ms(l.p50)}, p90 ${ms(l.p90)}, p99 ${ms(l.p99)}, max ${ms(l.max)} over ${count(l.count)} deliveries |`,
    `| quiet point → every state equal to a fresh query | ${convergence.convergedAfterMs === null ? 'never' : ms(convergence.convergedAfterMs)} (${count(convergence.states)} states) |`,
  ];
}

function memoryTable(result: SoakResult): string[] {
  const rows = result.memory.processes.map((p) => {
    const change = p.changePercent === null ? '–' : `${p.changePercent > 0 ? '+' : ''}${p.changePercent} %`;
    const warm = p.warmMiB === null ? '–' : `${p.warmMiB} (at ${seconds(p.warmAt ?? 0)})`;
    const process = p.generation > 1 ? 'after the restart' : p.endMiB === null ? 'before the restart' : 'first';
    return `| ${p.instance} | ${process} | ${warm} | ${p.endMiB ?? '–'} | ${change} | ${p.warmHeapMiB ?? '–'} → ${p.endHeapMiB ?? '–'} |`;
  });
  return [
    '| instance | process | RSS after warm-up, MiB | RSS at the end, MiB | change | V8 heap in use, MiB |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}

function metricsTable(result: SoakResult): string[] {
  const names = [...new Set(result.instanceMetrics.flatMap((m) => Object.keys(m)))].sort();
  const header = `| metric | ${result.instanceMetrics.map((_, i) => `instance ${i}`).join(' | ')} |`;
  const rule = `|---|${result.instanceMetrics.map(() => '---').join('|')}|`;
  return [header, rule, ...names.map((name) => `| \`${name}\` | ${result.instanceMetrics.map((m) => count(m[name] ?? 0)).join(' | ')} |`)];
}

function problems(result: SoakResult): string[] {
  const lists: [string, string[]][] = [
    ['States that differ from a fresh query', result.convergence.examples],
    ['Differences between the acknowledged writes and the database', result.writesCheck.differences.slice(0, 20)],
    ['Refused writes', result.writes.refusals],
    ['Live queries that failed', result.fleet.failures],
    ['States dropped by the client library', result.fleet.resubscribeReasons],
    ['Slow-reader problems', result.slowReaders.problems],
  ];
  return lists.filter(([, items]) => items.length > 0).flatMap(([title, items]) => ['', `**${title}**`, '', ...items.map((item) => `- ${item}`)]);
}

/** The report of `result`, produced by `command`, with the chart file beside it. */
export function soakMarkdown(result: SoakResult, command: string, chartFile: string): string {
  const lines = [
    '# Soak (issue 13)',
    '',
    `\`${command}\` — ${result.date}, Node ${result.node}, ${result.cpus} CPUs (servers, PostgreSQL, Redis and the clients on one machine), load average at start ${result.loadAverageAtStart.join(' ')}.`,
    '',
    setting(result),
    '',
    `**Result: ${result.passed ? 'passed' : 'FAILED'}.**`,
    '',
    '| check | | seen |',
    '|---|---|---|',
    ...result.checks.map((c) => `| ${c.name} | ${c.passed ? 'pass' : '**FAIL**'} | ${c.detail} |`),
    '',
    '## Figures',
    '',
    ...figures(result),
    '',
    '## Server memory',
    '',
    'Each reading forces two full GCs (inspector) and takes the median of five RSS readings 200 ms apart; after warm-up, and once the writes stopped and every state matched. A restarted instance is measured from its own warm-up. The chart shows RSS as sampled every 2 s, without forced GCs.',
    '',
    ...memoryTable(result),
    '',
    '## Instances at the end (`/metrics`; the restarted one counts from its restart)',
    '',
    ...metricsTable(result),
    ...problems(result),
    '',
    `![RSS and delivery latency over time](${chartFile})`,
    '',
    'Raw figures (every acknowledged write, RSS samples, latency buckets): the JSON file of the same name.',
    '',
  ];
  return lines.join('\n');
}
