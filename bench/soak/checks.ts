/** The soak's verdict: each check from the run's figures, passed or not, with what was seen. */
import type { Check, SoakResult } from './result.js';

/**
 * RSS at the end may exceed RSS after warm-up by at most this share. Only growth fails: a drop is
 * the heap giving back what start-up and warm-up took (reported, not a leak).
 */
export const RSS_TOLERANCE_PERCENT = 10;

/** The checks of a run. */
export function soakChecks(result: Omit<SoakResult, 'checks' | 'passed'>): Check[] {
  const { fleet, convergence, writesCheck, writes, slowReaders, disruptions, memory } = result;
  const checks: Check[] = [
    {
      name: 'every client live at the end',
      passed: fleet.liveAtEnd === fleet.clients,
      detail: `${fleet.liveAtEnd} of ${fleet.clients}`,
    },
    {
      name: 'every state equals a fresh query by the same viewer',
      passed: convergence.mismatched === 0,
      detail:
        `${convergence.states - convergence.mismatched} of ${convergence.states} states (${convergence.freshQueries} fresh queries)` +
        (convergence.convergedAfterMs === null ? '' : `, all within ${convergence.convergedAfterMs} ms of the quiet point`),
    },
    {
      name: 'no acknowledged write missing',
      passed: writes.acknowledged > 0 && writesCheck.differences.length === 0,
      detail: `${writes.acknowledged} acknowledged writes over ${writesCheck.targets} targets, ${writesCheck.differences.length} differences`,
    },
    {
      name: 'every write answered',
      passed: writes.refused === 0 && writes.unknownOutcome === 0,
      detail: `${writes.refused} refused, ${writes.unknownOutcome} with a failed connection`,
    },
    {
      name: 'no protocol problem',
      passed: fleet.resubscribes === 0 && fleet.failures.length === 0 && slowReaders.problems.length === 0,
      detail: `${fleet.resubscribes} states dropped by the client library, ${fleet.failures.length} live queries failed, ${slowReaders.problems.length} slow-reader problems`,
    },
  ];
  const restart = disruptions.restart;
  if (result.timing.restartAt !== null) {
    checks.push({
      name: 'restarted instance: exits on SIGTERM, its clients live again',
      passed: restart !== null && restart.exitCode !== 'SIGKILL' && restart.allBackAt !== null,
      detail: restart
        ? `exit ${restart.exitCode} ${restart.exitedAt - restart.sigtermAt} ms after SIGTERM; ${restart.clients} clients, ` +
          `all live ${restart.allBackAt === null ? 'never' : `${restart.allBackAt - restart.upAt} ms after it served again`}`
        : (disruptions.restartError ?? 'no restart happened'),
    });
  }
  const last = new Map(memory.processes.map((p) => [p.instance, p]));
  for (const process of last.values()) {
    const change = process.changePercent;
    // A run too short for the restarted process's full warm-up says so.
    const warmedFrom = process.generation > 1 && restart ? (restart.allBackAt ?? restart.upAt) : 0;
    const warmedMs = process.warmAt === null ? 0 : process.warmAt - warmedFrom;
    const short = warmedMs < result.timing.warmupMs ? ` (warm-up only ${(warmedMs / 1000).toFixed(1)} s of ${result.timing.warmupMs / 1000} s)` : '';
    checks.push({
      name: `instance ${process.instance}${process.generation > 1 ? ' (restarted)' : ''}: RSS at the end at most ${RSS_TOLERANCE_PERCENT} % above after warm-up`,
      passed: change !== null && change <= RSS_TOLERANCE_PERCENT,
      detail: `${process.warmMiB ?? '–'} MiB → ${process.endMiB ?? '–'} MiB (${change === null ? 'not measured' : `${change > 0 ? '+' : ''}${change} %`})${short}`,
    });
  }
  return checks;
}
