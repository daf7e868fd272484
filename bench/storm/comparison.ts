/** The storm's side-by-side figures: per case, refetch ÷ resume, and the targets. */
import { ratio } from '../fanout/stats.js';
import type { StormCase, StormResult } from './types.js';

/** The targets. */
export const TARGETS = { bytesRatio: 20, allLiveMs: 5_000 } as const;

/** One case's two storms side by side. */
export interface CaseComparison {
  caseName: string;
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

/** Pairs each case's resume and refetch storms. */
export function compareCases(cases: readonly StormCase[], storms: readonly StormResult[]): CaseComparison[] {
  return cases.map(({ name }) => {
    const resume = storms.find((s) => s.caseName === name && s.mode === 'resume');
    const refetch = storms.find((s) => s.caseName === name && s.mode === 'refetch');
    return {
      caseName: name,
      resume,
      refetch,
      ratios: {
        bytes: ratio(refetch?.bytes, resume?.bytes),
        cpuSettled: ratio(refetch?.bCpuMs.settled, resume?.bCpuMs.settled),
        cpuToLive: ratio(refetch?.bCpuMs.toLive, resume?.bCpuMs.toLive),
        allLiveMs: ratio(refetch?.allLiveMs, resume?.allLiveMs),
      },
    };
  });
}

/** True when some resume storm's clients held a resume token at SIGTERM (the server issues them). */
export function tokensIssued(storms: readonly StormResult[]): boolean {
  return storms.some((s) => s.setup.withToken > 0);
}

/** The targets, per case: ≥ 20× fewer bytes with resume, every resumed client live within 5 s. */
export function checkTargets(comparisons: readonly CaseComparison[], issued: boolean): TargetCheck[] {
  return comparisons.flatMap(({ caseName, resume, ratios }) => {
    if (!resume) return [];
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
      detail: `${resume.verified} of ${resume.document.clients + resume.dataset.clients} verified, ${resume.notLive} not live${unresumed}`,
    };
    return [bytes, time];
  });
}
