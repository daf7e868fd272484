/** Sums what the storm's clients saw, and B's readings, into a {@link StormResult}. */
import { clockTicksPerSecond } from '../fanout/procStats.js';
import { distribution } from '../fanout/stats.js';
import { countBetween, cpuMsBetween, type ServerReading } from './serverProbes.js';
import type { FreshResults } from './sharedPayloads.js';
import type { StormClient } from './stormClient.js';
import type { AnswerCounts, KindFigures, QueryKind, StormResult, StormTask, Timing } from './types.js';

/** The storm's moments (performance.now()) and B's readings. */
export interface StormTimes {
  t0: number;
  writesDone: number;
  outageEnd: number;
  /** When the last client became live again; undefined if some never did. */
  allLiveAt: number | undefined;
  before: ServerReading;
  /** When every client was seen live (undefined if never). */
  atLive: ServerReading | undefined;
  settled: ServerReading;
  /** The load generator's own CPU over the same window. */
  generatorCpuMs: number;
}

/** What {@link stormResult} sums. */
export interface StormObservations {
  task: StormTask;
  clients: readonly StormClient[];
  setup: StormResult['setup'];
  times: StormTimes;
  /** The fresh results to verify the clients' states against. */
  fresh: FreshResults;
  problems: string[];
  problemCount: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** The result of one storm. */
export function stormResult(o: StormObservations): StormResult {
  const { task, clients, times, fresh } = o;
  const { t0, allLiveAt } = times;
  const document = kindFigures(clients, 'document', fresh);
  const dataset = kindFigures(clients, 'dataset', fresh);
  const ticks = clockTicksPerSecond();
  return {
    mode: task.mode,
    caseName: task.stormCase.name,
    repeat: task.repeat,
    warmB: task.stormCase.warmB,
    writes: task.stormCase.writes,
    setup: o.setup,
    aClose: {
      codes: codeCounts(clients.map((c) => c.figures.aCloseCode)),
      lastCloseMs: timingFrom(clients, t0, (c) => c.figures.aClosedAt).max,
    },
    outage: { writesDoneMs: round(times.writesDone - t0), endMs: round(times.outageEnd - t0) },
    allLiveMs: allLiveAt === undefined ? null : round(allLiveAt - t0),
    allLiveAfterOutageMs: allLiveAt === undefined ? null : round(allLiveAt - times.outageEnd),
    liveMs: timingFrom(clients, t0, (c) => c.figures.liveAt),
    connectMs: distribution(clients.map((c) => (c.figures.subscribedAt ?? NaN) - (c.figures.connectingAt ?? NaN))),
    answerMs: distribution(clients.map((c) => (c.figures.answeredAt ?? NaN) - (c.figures.subscribedAt ?? NaN))),
    notLive: clients.filter((c) => c.figures.liveAt === undefined).length,
    retries: clients.reduce((sum, c) => sum + Math.max(0, c.figures.attempts - 1), 0),
    bCloseCodes: codeCounts(clients.flatMap((c) => c.figures.bCloses)),
    document,
    dataset,
    bytes: document.bytes + dataset.bytes,
    answers: addAnswers(document.answers, dataset.answers),
    tokensSent: document.tokensSent + dataset.tokensSent,
    verified: document.verified + dataset.verified,
    bCpuMs: {
      toLive: times.atLive ? cpuMsBetween(times.before.cpu, times.atLive.cpu, ticks) : null,
      settled: cpuMsBetween(times.before.cpu, times.settled.cpu, ticks),
    },
    generatorCpuMs: times.generatorCpuMs,
    bWriteSyscallBytes: countBetween(times.before.writtenBytes, times.settled.writtenBytes),
    listenOverflows: countBetween(times.before.listenOverflows, times.settled.listenOverflows),
    bRssMiB: { before: mib(times.before.rssBytes), after: mib(times.settled.rssBytes) },
    problems: o.problems,
    problemCount: o.problemCount,
  };
}

/** Answer counts of `clients`. */
function countAnswers(clients: readonly StormClient[]): AnswerCounts {
  const counts: AnswerCounts = { full: 0, patch: 0, emptyPatch: 0, error: 0, none: 0 };
  for (const { figures } of clients) counts[figures.answer ?? 'none']++;
  return counts;
}

/** The figures of the clients of one query kind; `verified` counts states equal to `fresh`. */
function kindFigures(clients: readonly StormClient[], kind: QueryKind, fresh: FreshResults): KindFigures {
  const mine = clients.filter((c) => c.kind === kind);
  let bytes = 0;
  let answerBytes = 0;
  for (const { figures } of mine) {
    bytes += figures.bytes;
    answerBytes += figures.answerBytes;
  }
  return {
    clients: mine.length,
    tokensSent: mine.filter((c) => c.figures.sentToken).length,
    answers: countAnswers(mine),
    bytes,
    answerBytes,
    verified: mine.filter((c) => fresh.equals(kind, c.state)).length,
  };
}

/** Adds two kinds' answer counts. */
function addAnswers(a: AnswerCounts, b: AnswerCounts): AnswerCounts {
  return {
    full: a.full + b.full,
    patch: a.patch + b.patch,
    emptyPatch: a.emptyPatch + b.emptyPatch,
    error: a.error + b.error,
    none: a.none + b.none,
  };
}

/** Milliseconds from `t0` to each defined `at` of `clients`. */
function timingFrom(
  clients: readonly StormClient[],
  t0: number,
  at: (client: StormClient) => number | undefined,
): Timing {
  const values: number[] = [];
  for (const client of clients) {
    const time = at(client);
    if (time !== undefined) values.push(time - t0);
  }
  return distribution(values);
}

/** How many clients saw each close code (of `code`, when defined). */
function codeCounts(codes: Iterable<string | undefined>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) if (code !== undefined) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
