/** Sums what the storm's clients saw into the figures of a {@link StormResult}. */
import { distribution } from '../fanout/stats.js';
import type { FreshResults } from './sharedPayloads.js';
import type { StormClient } from './stormClient.js';
import type { AnswerCounts, KindFigures, QueryKind, Timing } from './types.js';

/** Answer counts of `clients`. */
export function countAnswers(clients: readonly StormClient[]): AnswerCounts {
  const counts: AnswerCounts = { full: 0, patch: 0, emptyPatch: 0, error: 0, none: 0 };
  for (const { figures } of clients) counts[figures.answer ?? 'none']++;
  return counts;
}

/** The figures of the clients of one query kind; `verified` counts states equal to `fresh`. */
export function kindFigures(clients: readonly StormClient[], kind: QueryKind, fresh: FreshResults): KindFigures {
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
export function addAnswers(a: AnswerCounts, b: AnswerCounts): AnswerCounts {
  return { full: a.full + b.full, patch: a.patch + b.patch, emptyPatch: a.emptyPatch + b.emptyPatch, error: a.error + b.error, none: a.none + b.none };
}

/** Milliseconds from `t0` to each defined `at` of `clients`. */
export function timingFrom(clients: readonly StormClient[], t0: number, at: (client: StormClient) => number | undefined): Timing {
  const values: number[] = [];
  for (const client of clients) {
    const time = at(client);
    if (time !== undefined) values.push(time - t0);
  }
  return distribution(values);
}

/** How many clients saw each close code (of `code`, when defined). */
export function codeCounts(codes: Iterable<number | undefined>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) if (code !== undefined) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}
