/**
 * Invalidations that arrive while executions are running. An execution only becomes findable in the
 * invalidation index once it has finished (its keys are known then), so a write that lands while it
 * runs — after it read the old value — would otherwise go unnoticed for any key the group had not read
 * before (always, for a group's first execution). Each execution notes where the log stood when it
 * started and, when it ends, asks which of the keys it read were invalidated since.
 */
import { ALL_KEYS } from '../keys/resourceKeys.js';

/** The log; entries are kept only while an execution that may need them is running. */
export interface InFlightInvalidations {
  /** Records a batch of invalidated keys (only when some execution is running). */
  record(keys: readonly string[]): void;
  /** Marks the start of an execution; returns its token. */
  begin(): number;
  /** Ends an execution: returns the keys among `read` invalidated since `token` (`*` if everything was). */
  end(token: number, read: ReadonlySet<string>): string[];
  /** Number of batches held (for leak checks). */
  readonly size: number;
}

/** Creates an empty log. */
export function createInFlightInvalidations(): InFlightInvalidations {
  let seq = 0;
  const log: { seq: number; keys: readonly string[] }[] = [];
  const running = new Map<number, number>(); // start seq → executions started then

  function prune(): void {
    if (running.size === 0) {
      log.length = 0;
      return;
    }
    const oldest = Math.min(...running.keys());
    let drop = 0;
    while (drop < log.length && (log[drop] as { seq: number }).seq <= oldest) drop++;
    if (drop > 0) log.splice(0, drop);
  }

  return {
    record(keys) {
      if (running.size === 0) return;
      log.push({ seq: ++seq, keys });
    },
    begin() {
      running.set(seq, (running.get(seq) ?? 0) + 1);
      return seq;
    },
    end(token, read) {
      const count = running.get(token) ?? 0;
      if (count <= 1) running.delete(token);
      else running.set(token, count - 1);
      const missed = new Set<string>();
      for (const entry of log) {
        if (entry.seq <= token) continue;
        for (const key of entry.keys) {
          if (key === ALL_KEYS) return [ALL_KEYS];
          if (read.has(key)) missed.add(key);
        }
      }
      prune();
      return [...missed];
    },
    get size() {
      return log.length;
    },
  };
}
