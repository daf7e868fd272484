/** The reconnect storm's report: its JSON content and its Markdown, one table per case, modes side by side. */
import type { RunHeader } from '../fanout/fanoutReport.js';
import { DATASET_LIVE, DOCUMENT_LIVE } from '../fanout/operations.js';
import type { CaseComparison, CaseSummary, TargetCheck } from './comparison.js';
import type { AnswerCounts, StormCase, StormFixtures, StormResult } from './types.js';

/** The shape of a run. */
export interface StormSettings {
  documentClients: number;
  datasetClients: number;
  sections: number;
  rows: number;
  reconnectDelay: 'client' | 0;
  settleMs: number;
  stormTimeoutMs: number;
  maxAttempts: number;
  cases: StormCase[];
  /** Runs of each case (each a resume and a refetch storm). */
  repeats: number;
}

/** The content of bench/results/reconnect-storm*.json. */
export interface StormReport extends RunHeader {
  settings: StormSettings;
  fixtures: StormFixtures | undefined;
  /** Whether the measured server put a resume token in its results. */
  tokensIssued: boolean;
  storms: StormResult[];
  ratios: { caseName: string; repeat: number; ratios: CaseComparison['ratios'] }[];
  /** Medians over the runs of each case. */
  summary: CaseSummary[];
  targets: TargetCheck[];
  failures: string[];
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '-' : String(n));
const bytes = (n: number | null | undefined) =>
  n === null || n === undefined ? '-' : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`;
/** A ratio to 3 significant digits at most (integers from 100 on). */
const times = (n: number | null) => (n === null ? '-' : `**${n >= 100 ? Math.round(n) : Number(n.toPrecision(3))}×**`);
const answers = (a: AnswerCounts) => `${a.full} / ${a.patch} / ${a.emptyPatch} / ${a.error} / ${a.none}`;
const codes = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([code, count]) => `${count} × ${code}`)
    .join(', ') || 'none';

type Row = [label: string, resume: string, refetch: string, ratio: string];

/** The rows of one case's table. */
function caseRows(c: CaseComparison): Row[] {
  const cell = (storm: StormResult | undefined, value: (s: StormResult) => string) => (storm ? value(storm) : '-');
  const row = (label: string, value: (s: StormResult) => string, ratio = ''): Row => [
    label,
    cell(c.resume, value),
    cell(c.refetch, value),
    ratio,
  ];
  const clients = (s: StormResult) => s.document.clients + s.dataset.clients;
  return [
    row('resume tokens held at SIGTERM / sent on re-subscribe', (s) => `${s.setup.withToken} / ${s.tokensSent}`),
    row('answers: full / patch / empty patch / error / none', (s) => answers(s.answers)),
    row('… document clients', (s) => answers(s.document.answers)),
    row('… dataset clients', (s) => answers(s.dataset.answers)),
    row('**SIGTERM → every client live again** (ms)', (s) => `**${fmt(s.allLiveMs)}**`, times(c.ratios.allLiveMs)),
    row('outage over → every client live again (ms)', (s) => fmt(s.allLiveAfterOutageMs)),
    row(
      'SIGTERM → client live again p50 / p90 / p99 (ms)',
      (s) => `${fmt(s.liveMs.p50)} / ${fmt(s.liveMs.p90)} / ${fmt(s.liveMs.p99)}`,
    ),
    row(
      'connect to B → re-subscribe sent (after ack) p50 / p99 / max (ms)',
      (s) => `${fmt(s.connectMs.p50)} / ${fmt(s.connectMs.p99)} / ${fmt(s.connectMs.max)}`,
    ),
    row(
      're-subscribe → answer p50 / p99 / max (ms)',
      (s) => `${fmt(s.answerMs.p50)} / ${fmt(s.answerMs.p99)} / ${fmt(s.answerMs.max)}`,
    ),
    row('**bytes received from B**', (s) => `**${bytes(s.bytes)}**`, times(c.ratios.bytes)),
    row('… by document / dataset clients', (s) => `${bytes(s.document.bytes)} / ${bytes(s.dataset.bytes)}`),
    row('… of which answers', (s) => bytes(s.document.answerBytes + s.dataset.answerBytes)),
    row('**B CPU, SIGTERM → settled** (ms)', (s) => `**${fmt(s.bCpuMs.settled)}**`, times(c.ratios.cpuSettled)),
    row('B CPU, SIGTERM → every client live (ms)', (s) => fmt(s.bCpuMs.toLive), times(c.ratios.cpuToLive)),
    row('load generator CPU, same window (ms)', (s) => fmt(s.generatorCpuMs)),
    row('B write() bytes, all peers (/proc io)', (s) => bytes(s.bWriteSyscallBytes)),
    row('B RSS before → after (MiB)', (s) => `${s.bRssMiB.before} → ${s.bRssMiB.after}`),
    row("A's closes; last one after (ms)", (s) => `${codes(s.aClose.codes)}; ${fmt(s.aClose.lastCloseMs)}`),
    row(
      'outage: writes made / over, fresh results read (ms after SIGTERM)',
      (s) => `${s.outage.writesDoneMs} / ${s.outage.endMs}`,
    ),
    row('connections turned away by a full listen queue (machine-wide)', (s) => fmt(s.listenOverflows)),
    row('retries; B closes before live', (s) => `${s.retries}; ${codes(s.bCloseCodes)}`),
    row('states equal to a fresh query at the end', (s) => `${s.verified} / ${clients(s)}`),
    row('protocol problems', (s) => String(s.problemCount)),
  ];
}

function caseTable(c: CaseComparison, stormCase: StormCase | undefined, repeats: number): string {
  const what = stormCase
    ? `B ${stormCase.warmB ? 'warm (one watcher of its own per query)' : 'cold (no watcher of its own)'}, ${stormCase.writes} write${stormCase.writes === 1 ? '' : 's'} during the outage`
    : '';
  const run = repeats > 1 ? ` (run ${c.repeat} of ${repeats})` : '';
  const lines = [
    `### ${c.caseName}${run}: ${what}`,
    '',
    '| | resume | refetch | refetch ÷ resume |',
    '|---|---:|---:|---:|',
  ];
  for (const cells of caseRows(c)) lines.push(`| ${cells.join(' | ')} |`);
  const problems = [c.resume, c.refetch].flatMap((s) =>
    s && s.problems.length > 0 ? [`- ${s.mode}: ${s.problems.join('; ').slice(0, 600)}`] : [],
  );
  return [...lines, ...(problems.length ? ['', 'Problems seen:', '', ...problems] : [])].join('\n');
}

/** The two live queries, as the clients send them, then a blank line. */
function queriesBlock(): string {
  return `The live queries:\n\n\`\`\`graphql\n${DOCUMENT_LIVE}\n${DATASET_LIVE}\n\`\`\`\n\n`;
}

/** The cases at a glance (medians over their runs), then a blank line; empty without cases. */
function summaryTable(summary: readonly CaseSummary[]): string {
  if (summary.length === 0) return '';
  const lines = [
    '| case | runs | refetch ÷ resume: bytes | B CPU | every client live again (ms): resume | refetch |',
    '|---|---:|---:|---:|---:|---:|',
    ...summary.map(
      (c) =>
        `| ${c.caseName} | ${c.runs} | ${times(c.bytesRatio)} | ${times(c.cpuRatio)} | ${fmt(c.resumeAllLiveMs)} | ${fmt(c.refetchAllLiveMs)} |`,
    ),
  ];
  return `${lines.join('\n')}\n\n`;
}

/** What the contract (docs/protocol.md, resume) lets each case expect of a resuming client. */
const CASES_READING =
  "**What each case expects of `resume`.** *warm-writes*: B's group lived through the writes and its patch log bridges " +
  'from the state a token names, so a patch. *warm-quiet*: nothing changed, so an empty patch. *cold-quiet*: B runs the ' +
  'query afresh and finds the state the token names, so an empty patch. *cold-writes*: B never held the state the clients ' +
  'have nor the changes since, so the whole result — this case shows what resume costs when it cannot help.';

/** The paragraph that says what the resume column measured. */
function resumeNote(report: StormReport): string {
  if (report.tokensIssued)
    return `The server issued resume tokens: the \`resume\` column measures resume.\n\n${CASES_READING}`;
  return (
    '**No resume token was issued**: no `next` from the measured server carried `extensions.live.resume`, so the ' +
    '`resume` clients had no token to send and re-subscribed exactly as the `refetch` ones did. The `resume` column ' +
    'is a second refetch, not a measure of resume; the ratios show the run-to-run spread, and the bytes target is not checked.'
  );
}

/** The Markdown of `report`. */
export function stormMarkdown(report: StormReport, comparisons: readonly CaseComparison[]): string {
  const s = report.settings;
  const f = report.fixtures;
  const cases = comparisons
    .map((c) =>
      caseTable(
        c,
        s.cases.find((k) => k.name === c.caseName),
        s.repeats,
      ),
    )
    .join('\n\n');
  const targets = report.targets
    .map(
      (t) =>
        `- ${t.met === null ? 'n/a' : t.met ? 'met' : '**missed**'} — ${t.caseName}: ${t.target}: ${fmt(t.value)} (${t.detail})`,
    )
    .join('\n');
  return (
    `# Reconnect storm: ${s.documentClients} clients on one document + ${s.datasetClients} on a ${s.rows}-row dataset\n\n` +
    `\`${report.command}\` on ${report.date} (${report.durationS} s; node ${report.node}, ${report.machine.cores} cores, ` +
    `${report.machine.cpuModel}; load average ${report.machine.loadAverageStart.join(' ')} at start, ` +
    `${report.machine.loadAverageEnd.join(' ')} at the end). Commit ` +
    `\`${report.source.commit}\`${report.source.uncommittedServerFiles ? ` with ${report.source.uncommittedServerFiles} uncommitted server files` : ''}. Issue 13.\n\n` +
    `${resumeNote(report)}\n\n` +
    `**Setup.** Instances A, B and C (compiled server on plain node, NODE_ENV=production) on one fresh PostgreSQL database ` +
    `with the Redis bus, sharing AUTH_SECRET and RESUME_SECRET; ${report.pinning}. Every storm starts fresh instances; ` +
    `C only takes the outage's writes and the fresh queries, so that B's CPU is the storm's. ` +
    `Data: one PUBLIC document with ${f?.sections ?? '?'} sections and one PUBLIC dataset of ${f?.rows ?? '?'} rows, ` +
    `watched with the queries below; the outage's writes change the document's title and the value of a row of the ` +
    `dataset's first window, alternately. ${s.documentClients} + ` +
    `${s.datasetClients} anonymous raw graphql-ws clients in one load generator process, each with its own socket, holding ` +
    `its state (patches applied with client/applyPatch.ts), its revision and its last resume token, all live on A.\n\n` +
    `**Storm.** A gets SIGTERM (it closes its sockets with 1001); the case's writes are made through C, one after the other; ` +
    `each client then waits ${s.reconnectDelay === 'client' ? "the Node client's first reconnect delay (250–500 ms, client/backoff.ts)" : 'nothing'} ` +
    `after its close, and at least until the outage is over — its writes made and, after writes, the fresh results read ` +
    `from C — so that every client missed the writes and B is idle until the storm; then it connects to B and ` +
    `re-subscribes — \`resume\`: with its last token in \`extensions.live.resume\`; ` +
    `\`refetch\`: without — retrying with the client's backoff (at most ${s.maxAttempts} sockets) if B closes its socket before it is live or sends no ` +
    `\`connection_ack\` within 15 s of the socket opening (the Node client's keep-alive would drop it then). A client ` +
    `is *live again* once it has its answer and its state equals a fresh query (read from C after the writes; without writes, ` +
    `the one read at setup), as of the ` +
    `message that made it so. Bytes: WebSocket ` +
    `frames (payload + header) the clients received from B, SIGTERM → ${s.settleMs} ms after the last client was live (the HTTP ` +
    `upgrade responses, the same in both modes, are not counted). CPU: B's user + system time (schedstat) over the same window. ` +
    `Answers: the first \`next\` after re-subscribing. The two modes of a case run one after the other with fresh instances.\n\n` +
    `${queriesBlock()}${summaryTable(report.summary)}${cases}\n\n## Targets (issue 13)\n\n${targets || '- none checked'}\n` +
    (report.failures.length
      ? `\n## Failures\n\n${report.failures.map((x) => `- ${x.slice(0, 500)}`).join('\n')}\n`
      : '')
  );
}
