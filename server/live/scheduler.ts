/**
 * When groups execute: invalidations coalesce per tick into one execution per group, a group's
 * throttle spaces its executions and updates, and an execution that a newer invalidation overtook is
 * dropped rather than raced (a run counter per group: only the newest execution may publish). First
 * executions of a storm of new groups run in bounded slices, after updates of live ones.
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
  /** Stops: a flush or slice already queued runs nothing. */
  close(): void;
  /** True while groups wait for a flush or a slice (counted as one pending timer). */
  readonly flushPending: boolean;
}

/**
 * First executions in flight at once. Executions are asynchronous, and on an in-process database
 * (PGlite) their queries chain through promises alone: thousands started together would run back to
 * back in one microtask drain, for seconds, reading no socket meanwhile. Sixteen at ~0.5 ms each
 * keep a turn of the event loop near 10 ms; a database over the network is kept busy all the same.
 */
export const FIRST_RUNS_IN_FLIGHT = 16;

/** Starting first executions stops after this long in one turn (their synchronous parts). */
const SLICE_MS = 10;

/**
 * Creates a scheduler that hands every group due to execute to `run`, which may return the promise
 * of the execution. Re-runs of groups with a result (updates of live queries) all start in the
 * flush; first executions start at most `firstRunsInFlight` at a time, later ones in slices that
 * each wait for a turn of the event loop (see {@link FIRST_RUNS_IN_FLIGHT}).
 */
export function createScheduler(run: (group: LiveQueryGroup) => void | Promise<void>, firstRunsInFlight = FIRST_RUNS_IN_FLIGHT): Scheduler {
  const queue = new Set<LiveQueryGroup>();
  /** A flush is queued (as a microtask: see {@link enqueue}). */
  let flushQueued = false;
  let closed = false;
  const firsts = createFirstRuns(run, firstRunsInFlight);

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
   * group runs mark it for one more run. A group without a result yet waits with the first runs.
   */
  function enqueue(group: LiveQueryGroup): void {
    group.queued = true;
    if (group.revision === 0) firsts.add(group);
    else queue.add(group);
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
      void run(group);
    }
    firsts.start();
  }

  return {
    requestRun,
    enqueue,
    cancel(group) {
      if (group.timer) clearTimeout(group.timer);
      group.timer = undefined;
      queue.delete(group);
      firsts.delete(group);
    },
    close() {
      closed = true;
      queue.clear(); // a queued flush finds nothing to run
      firsts.close();
    },
    get flushPending() {
      return (flushQueued && queue.size > 0) || firsts.size > 0;
    },
  };
}

/** The first executions waiting to start, and how many run. */
interface FirstRuns {
  add(group: LiveQueryGroup): void;
  delete(group: LiveQueryGroup): void;
  /** Starts waiting groups while fewer than the bound run, for at most {@link SLICE_MS}. */
  start(): void;
  close(): void;
  readonly size: number;
}

/**
 * First executions, bounded: at most `inFlight` at a time. One that ends makes room for the next,
 * started in a later turn of the event loop (`setImmediate`, after pending I/O: connection_init,
 * pings, new subscriptions), never from the ending execution's own promise chain.
 */
function createFirstRuns(run: (group: LiveQueryGroup) => void | Promise<void>, inFlight: number): FirstRuns {
  const waiting = new Set<LiveQueryGroup>();
  let running = 0;
  let slice: ReturnType<typeof setImmediate> | undefined;
  let closed = false;

  function ended(): void {
    running--;
    queueSlice();
  }

  function queueSlice(): void {
    if (closed || slice || waiting.size === 0 || running >= inFlight) return;
    slice = setImmediate(() => {
      slice = undefined;
      start();
    });
  }

  function start(): void {
    if (closed) return;
    const until = performance.now() + SLICE_MS;
    for (const group of waiting) {
      if (running >= inFlight || performance.now() > until) break;
      waiting.delete(group);
      group.queued = false;
      running++;
      const execution = run(group);
      // A rejection stays unhandled, as for any execution; the count goes down either way.
      if (execution) void execution.finally(ended);
      else running--;
    }
    queueSlice();
  }

  return {
    add: (group) => waiting.add(group),
    delete: (group) => waiting.delete(group),
    start,
    close() {
      closed = true;
      waiting.clear();
      if (slice) clearImmediate(slice);
      slice = undefined;
    },
    get size() {
      return waiting.size;
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
