/** The slow-reader benchmark's Markdown: the revisions side by side, one row per figure. */
import type { RevisionResult, SlowReaderSettings } from './runRevision.js';

/** What the JSON result holds besides the runs. */
export interface SlowReaderReport {
  command: string;
  date: string;
  quick: boolean;
  node: string;
  cpus: number;
  loadAverageAtStart: number[];
  settings: SlowReaderSettings;
  runs: RevisionResult[];
}

const fmt = (n: number) => (Number.isFinite(n) ? String(n) : '-');
const codes = (closed: Record<string, number>) =>
  Object.entries(closed)
    .map(([code, count]) => `${count} × ${code}`)
    .join(', ') || 'none';

/** The table rows: a label and one cell per run. */
function rows(runs: readonly RevisionResult[]): [string, ...string[]][] {
  const row = (label: string, cell: (r: RevisionResult) => string): [string, ...string[]] => [label, ...runs.map(cell)];
  return [
    row('commit', (r) => `\`${r.commit.slice(0, 10)}\``),
    row('updates sent (s)', (r) => `${r.writes.sent} in ${r.writes.durationS} s`),
    row('mutation round trip p50 / p99 (ms)', (r) => `${fmt(r.writes.mutationMs.p50)} / ${fmt(r.writes.mutationMs.p99)}`),
    row('server RSS with clients subscribed, after a full GC (MiB)', (r) => fmt(r.rssMiB.subscribed)),
    row('**server RSS peak** (MiB)', (r) => `**${fmt(r.rssMiB.peak)}**`),
    row('server RSS at end of writes, paused still paused (MiB)', (r) => fmt(r.rssMiB.endOfWrites)),
    row('… after a full GC (MiB)', (r) => fmt(r.rssMiB.endOfWritesAfterGc)),
    row('V8 heap used after a full GC: subscribed → end of writes (MiB)', (r) => `${fmt(r.v8HeapAfterGcMiB.subscribed)} → ${fmt(r.v8HeapAfterGcMiB.endOfWrites)}`),
    row('server RSS after the paused clients read again (MiB)', (r) => fmt(r.rssMiB.afterResume)),
    row('machine TCP buffers peak (MiB, /proc/net/sockstat)', (r) => fmt(r.machineTcpMiBPeak)),
    row('healthy: patches delivered / sent × clients', (r) => `${r.healthy.delivered} / ${r.healthy.expected}`),
    row('**healthy write → patch p50 / p99** (ms)', (r) => `**${fmt(r.healthy.latencyMs.p50)} / ${fmt(r.healthy.latencyMs.p99)}**`),
    row('healthy write → patch p90 / max (ms)', (r) => `${fmt(r.healthy.latencyMs.p90)} / ${fmt(r.healthy.latencyMs.max)}`),
    row('paused: server-side drops at end of writes', (r) => String(r.paused.serverAtEndOfWrites.droppedSlow)),
    row('server: open sockets at end of writes', (r) => fmt(r.paused.serverAtEndOfWrites.openSockets)),
    row('server: close codes at end of writes', (r) => codes(r.paused.serverAtEndOfWrites.closesByCode)),
    row('**paused, once reading again: converged to a fresh query**', (r) => `**${r.paused.converged} / ${r.paused.clients}**`),
    row('paused, once reading again: closed (code)', (r) => codes(r.paused.closed)),
    row('paused: open but not converged', (r) => String(r.paused.openNotConverged)),
    row('paused: messages received after the first (min–max)', (r) => `${r.paused.messagesAfterFirst.min}–${r.paused.messagesAfterFirst.max}`),
    row('protocol problems seen (revision gaps, bad patches)', (r) => String(r.paused.problems.length)),
  ];
}

/** The Markdown of `report`, with `reading` (hand-written or generated) under the table. */
export function reportMarkdown(report: SlowReaderReport, reading: string): string {
  const { settings: s, runs } = report;
  const table = [
    `| | ${runs.map((r) => r.label).join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|`,
    ...rows(runs).map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
  const commits = runs.map((r) => `- **${r.label}**: \`${r.commit}\` — ${r.subject}`).join('\n');
  const problems = runs
    .filter((r) => r.paused.problems.length > 0)
    .map((r) => `- ${r.label}: ${r.paused.problems.join('; ')}`)
    .join('\n');
  return (
    `# Slow readers: ${s.paused} paused clients under ${s.updates} updates\n\n` +
    `\`${report.command}\` on ${report.date} (node ${report.node}, ${report.cpus} CPUs, load average at start ` +
    `${report.loadAverageAtStart.join(' ')}). Issue 13.\n\n` +
    `${commits}\n\n` +
    `Each revision's server is compiled from a detached worktree of its commit and runs alone on plain node ` +
    `(NODE_ENV=production, PGlite, the benchmark's lifted per-client limits, every slow-client setting at its default). ` +
    `One PUBLIC document with a ${s.bodyBytes}-byte body; ${s.healthy} healthy graphql-ws clients and ${s.paused} paused ` +
    `ones (they subscribe live, get the first result, then their TCP socket is paused: nothing more is read from the kernel) ` +
    `all anonymous, so all share one live result. Then ${s.updates} updates, one every ${s.intervalMs} ms (the next ` +
    `waits for the previous one's response), each replacing the title and the body (a patch of ~${Math.round(s.bodyBytes / 1024)} KB). ` +
    `The server's VmRSS is sampled every 200 ms (readings "after a full GC" follow two full collections forced through ` +
    `the inspector, which every server is started with). Healthy latency: mutation sent → patch carrying its title received. ` +
    `At the end the paused clients read again, and each either converges on a fresh query's result or sees its close.\n\n` +
    `${table}\n\n${reading}\n` +
    (problems ? `\nProblems seen:\n\n${problems}\n` : '')
  );
}
