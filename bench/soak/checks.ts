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
  if (result.timing.restartAt !== null) {
    const restart = disruptions.restart;
    checks.push({
      name: 'restarted instance: its clients live again',
      passed: restart !== null && restart.allBackAt !== null,
      detail: restart
        ? `${restart.clients} clients, down ${restart.upAt - restart.downAt} ms, all live ${restart.allBackAt === null ? 'never' : `${restart.allBackAt - restart.upAt} ms after it was up`}`
        : (disruptions.restartError ?? 'no restart happened'),
    });
  }
  const last = new Map(memory.processes.map((p) => [p.instance, p]));
  for (const process of last.values()) {
    const change = process.changePercent;
    checks.push({
      name: `instance ${process.instance}${process.generation > 1 ? ' (restarted)' : ''}: RSS at the end at most ${RSS_TOLERANCE_PERCENT} % above after warm-up`,
      passed: change !== null && change <= RSS_TOLERANCE_PERCENT,
      detail: `${process.warmMiB ?? '–'} MiB → ${process.endMiB ?? '–'} MiB (${change === null ? 'not measured' : `${change > 0 ? '+' : ''}${change} %`})`,
    });
  }
  return checks;
}
