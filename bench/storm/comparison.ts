/** The storm's side-by-side figures: per case, refetch ÷ resume, and the targets. */
import { ratio } from '../fanout/stats.js';
import type { StormCase, StormResult } from './types.js';

/** The targets. */
export const TARGETS = { bytesRatio: 20, allLiveMs: 5_000 } as const;

/** One run of a case: its two storms side by side. */
export interface CaseComparison {
  caseName: string;
  repeat: number;
  resume: StormResult | undefined;
  refetch: StormResult | undefined;
  /** refetch ÷ resume. */
  ratios: { bytes: number | null; cpuSettled: number | null; cpuToLive: number | null; allLiveMs: number | null };
}

/** A target checked on one case. */
export interface TargetCheck {
  caseName: string;
  target: string;
  value: number | null;
  limit: number;
  /** null: not measurable in this run (e.g. no resume token was issued). */
  met: boolean | null;
  detail: string;
}

/** Pairs the resume and refetch storms of each run of each case. */
export function compareCases(
  cases: readonly StormCase[],
  repeats: number,
  storms: readonly StormResult[],
): CaseComparison[] {
  return cases.flatMap(({ name }) => Array.from({ length: repeats }, (_, i) => compareRun(name, i + 1, storms)));
}

function compareRun(name: string, repeat: number, storms: readonly StormResult[]): CaseComparison {
  const of = (mode: StormResult['mode']) =>
    storms.find((s) => s.caseName === name && s.repeat === repeat && s.mode === mode);
  const resume = of('resume');
  const refetch = of('refetch');
  return {
    caseName: name,
    repeat,
    resume,
    refetch,
    ratios: {
      bytes: ratio(refetch?.bytes, resume?.bytes),
      cpuSettled: ratio(refetch?.bCpuMs.settled, resume?.bCpuMs.settled),
      cpuToLive: ratio(refetch?.bCpuMs.toLive, resume?.bCpuMs.toLive),
      allLiveMs: ratio(refetch?.allLiveMs, resume?.allLiveMs),
    },
  };
}

/** The median of the defined values, or null. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 1000) / 1000;
}

/** Per case, the medians over its runs (what --repeat summarises). */
export interface CaseSummary {
  caseName: string;
  runs: number;
  bytesRatio: number | null;
  cpuRatio: number | null;
  resumeAllLiveMs: number | null;
  refetchAllLiveMs: number | null;
}

/** The medians over each case's runs. */
export function summarizeCases(cases: readonly StormCase[], comparisons: readonly CaseComparison[]): CaseSummary[] {
  return cases.map(({ name }) => {
    const runs = comparisons.filter((c) => c.caseName === name);
    return {
      caseName: name,
      runs: runs.length,
      bytesRatio: median(runs.map((c) => c.ratios.bytes)),
      cpuRatio: median(runs.map((c) => c.ratios.cpuSettled)),
      resumeAllLiveMs: median(runs.map((c) => c.resume?.allLiveMs)),
      refetchAllLiveMs: median(runs.map((c) => c.refetch?.allLiveMs)),
    };
  });
}

/** True when some resume storm's clients held a resume token at SIGTERM (the server issues them). */
export function tokensIssued(storms: readonly StormResult[]): boolean {
  return storms.some((s) => s.setup.withToken > 0);
}

/** The targets, per case: ≥ 20× fewer bytes with resume, every resumed client live within 5 s. */
export function checkTargets(comparisons: readonly CaseComparison[], issued: boolean): TargetCheck[] {
  return comparisons.flatMap(({ caseName: name, repeat, resume, ratios }) => {
    if (!resume) return [];
    const caseName = `${name}#${repeat}`;
    const unresumed = issued ? '' : ' (no resume token issued: the resume mode refetched)';
    const bytes: TargetCheck = {
      caseName,
      target: `refetch ÷ resume bytes ≥ ${TARGETS.bytesRatio}`,
      value: ratios.bytes,
      limit: TARGETS.bytesRatio,
      met: issued && ratios.bytes !== null ? ratios.bytes >= TARGETS.bytesRatio : null,
      detail: `resume ${resume.bytes} B${unresumed}`,
    };
    const time: TargetCheck = {
      caseName,
      target: `resume: every client live again within ${TARGETS.allLiveMs} ms of SIGTERM`,
      value: resume.allLiveMs,
      limit: TARGETS.allLiveMs,
      met: resume.allLiveMs !== null && resume.allLiveMs <= TARGETS.allLiveMs,
      detail:
        `outage over at ${resume.outage.endMs} ms; ${resume.verified} of ${resume.document.clients + resume.dataset.clients} ` +
        `verified, ${resume.notLive} not live${unresumed}`,
    };
    return [bytes, time];
  });
}
