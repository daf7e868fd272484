/**
 * When groups execute: invalidations coalesce per tick into one execution per group, a group's
 * throttle spaces its executions and updates, and an execution that a newer invalidation overtook is
 * dropped rather than raced (a run counter per group: only the newest execution may publish).
 */
import { ALL_KEYS } from '../keys/resourceKeys.js';
import { addPendingKey, nowMs, type LiveQueryGroup } from './liveQueryGroup.js';

/** Queues groups for execution; one per engine. */
export interface Scheduler {
  /** Schedules an execution, honouring the throttle; coalesces with one already scheduled or running. */
  requestRun(group: LiveQueryGroup): void;
  /** Queues a group for the next flush without waiting for its throttle (a new group's first run). */
  enqueue(group: LiveQueryGroup): void;
  /** Forgets a group's timer and queue entry (it is being disposed). */
  cancel(group: LiveQueryGroup): void;
  /** Stops: a flush already queued runs nothing. */
  close(): void;
  /** True while a flush is queued with groups to run (counted as one pending timer). */
  readonly flushPending: boolean;
}

/** Creates a scheduler that hands every group due to execute to `run`. */
export function createScheduler(run: (group: LiveQueryGroup) => void): Scheduler {
  const queue = new Set<LiveQueryGroup>();
  /** A flush is queued (as a microtask: see {@link enqueue}). */
  let flushQueued = false;
  let closed = false;

  function requestRun(group: LiveQueryGroup): void {
    if (group.closed) return;
    if (group.running) {
      group.rerun = true;
      return;
    }
    if (group.timer || group.queued) return;
    // Both bounds: executions start at most once per window, and published updates are a full
    // window apart even when one execution took longer than the next.
    const wait = group.throttleMs > 0 ? Math.max(group.lastRunAt, group.lastPublishAt) + group.throttleMs - performance.now() : 0;
    if (wait > 0) {
      group.timer = setTimeout(() => {
        group.timer = undefined;
        enqueue(group);
      }, wait);
      return;
    }
    enqueue(group);
  }

  /**
   * Queues a group for the next flush. The flush is a microtask: it runs as soon as the code that
   * invalidated returns — everything invalidated together (one notification's keys, one write's
   * records) in one flush — and before the writer's own response is sent: the update reaches
   * watchers one event-loop turn sooner than with a macrotask. Invalidations arriving later while a
   * group runs mark it for one more run.
   */
  function enqueue(group: LiveQueryGroup): void {
    group.queued = true;
    queue.add(group);
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(flush);
  }

  function flush(): void {
    flushQueued = false;
    if (closed) return;
    const batch = [...queue];
    queue.clear();
    for (const group of batch) {
      group.queued = false;
      run(group);
    }
  }

  return {
    requestRun,
    enqueue,
    cancel(group) {
      if (group.timer) clearTimeout(group.timer);
      group.timer = undefined;
      queue.delete(group);
    },
    close() {
      closed = true;
      queue.clear(); // a queued flush finds nothing to run
    },
    get flushPending() {
      return flushQueued && queue.size > 0;
    },
  };
}

/** The pending keys of a group that has none. */
const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Starts an execution of `group`; returns its run id, which {@link settleRun} compares with the
 * group's newest.
 */
export function startRun(group: LiveQueryGroup): number {
  const runId = ++group.runCounter;
  group.running = true;
  group.rerun = false;
  group.lastRunAt = nowMs();
  return runId;
}

/** True when the group's next execution must be a full one (nothing to re-resolve partially). */
export function needsFullRun(group: LiveQueryGroup): boolean {
  return group.pendingAll || group.revision === 0 || !group.tracking || !!group.errors;
}

/** Takes the keys invalidated since the group's last execution started, clearing them and `pendingAll`. */
export function takePendingKeys(group: LiveQueryGroup): ReadonlySet<string> {
  const keys = group.pendingKeys ?? NO_KEYS;
  group.pendingAll = false;
  group.pendingKeys = undefined;
  return keys;
}

/**
 * What an ended execution may do: `drop` it (the group closed or a newer execution started),
 * `retry` (overtaken by a newer invalidation; the caller requests the run), `publish`, or
 * `publishAndRerun` (overtaken, yet published — a group's first result, or after `maxOvertaken`
 * drops in a row — then run once more).
 */
export type RunVerdict = 'drop' | 'retry' | 'publish' | 'publishAndRerun';

/**
 * Settles an ended execution. `missed` are keys it read that were invalidated while it ran (see
 * `inFlightInvalidations.ts`); `keys` what it was asked to catch up on, pending again on a retry,
 * which runs in full when `retryInFull`. Updates the group's pending keys and overtaken count.
 */
export function settleRun(
  group: LiveQueryGroup,
  runId: number,
  missed: readonly string[],
  keys: ReadonlySet<string>,
  retryInFull: boolean,
  maxOvertaken: number,
): RunVerdict {
  if (group.closed || runId !== group.runCounter) return 'drop';
  if (missed.length > 0) {
    // Written while this execution ran, to something it read but was not yet indexed under.
    group.rerun = true;
    if (missed[0] === ALL_KEYS) group.pendingAll = true;
    else for (const key of missed) addPendingKey(group, key);
  }
  const overtaken = group.rerun;
  if (overtaken && group.overtaken < maxOvertaken && group.revision > 0) {
    // A newer invalidation arrived mid-execution: this result may already be stale.
    group.overtaken++;
    for (const key of keys) addPendingKey(group, key);
    group.pendingAll ||= retryInFull;
    return 'retry';
  }
  group.overtaken = 0;
  return overtaken ? 'publishAndRerun' : 'publish';
}
