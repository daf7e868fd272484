/**
 * A group's log of recent patches, for resuming clients: each patch it published, as JSON, with the
 * hash of the state it applies to. A client holding one of those states gets the patches from there
 * on, in order, as one patch. Bounded by count and by bytes; the oldest go first (what is left is
 * still a chain ending at the current state).
 */

/** The bounds of every group's log; `entries: 0` keeps none. */
export interface ResumeLogLimits {
  readonly entries: number;
  readonly bytes: number;
}

/** Patches oldest first; `from[i]` is the hash of the state `patches[i]` applies to. */
export interface ResumeLog {
  readonly from: string[];
  readonly patches: string[];
  bytes: number;
}

/** Appends a published patch; returns the log to keep (undefined: none). */
export function recordPatch(log: ResumeLog | undefined, from: string, patchJson: string, limits: ResumeLogLimits): ResumeLog | undefined {
  // A patch over the byte bound cannot be kept, and the chain through it breaks: nothing older is useful.
  if (limits.entries <= 0 || patchJson.length > limits.bytes) return undefined;
  const kept = log ?? { from: [], patches: [], bytes: 0 };
  kept.from.push(from);
  kept.patches.push(patchJson);
  kept.bytes += patchJson.length;
  let drop = 0;
  while (kept.patches.length - drop > limits.entries || kept.bytes > limits.bytes) kept.bytes -= (kept.patches[drop++] ?? '').length;
  if (drop > 0) {
    kept.from.splice(0, drop);
    kept.patches.splice(0, drop);
  }
  return kept;
}

/**
 * The patch, as JSON, from the state `hash` names to the current one: every logged patch from the
 * newest that applies to it on, concatenated; undefined when the log does not reach it.
 */
export function patchSince(log: ResumeLog | undefined, hash: string): string | undefined {
  if (!log) return undefined;
  const start = log.from.lastIndexOf(hash);
  if (start < 0) return undefined;
  const operations = log.patches.slice(start).map((patch) => patch.slice(1, -1)).filter((inner) => inner.length > 0);
  return `[${operations.join(',')}]`;
}
