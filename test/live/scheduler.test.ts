import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createResumeContext } from '../../server/live/groupResume.js';
import { createGroup, type LiveQueryGroup } from '../../server/live/liveQueryGroup.js';
import { createScheduler, needsFullRun, settleRun, startRun, takePendingKeys } from '../../server/live/scheduler.js';

function group(throttleMs = 0): LiveQueryGroup {
  return createGroup({
    key: 'k',
    scope: undefined,
    viewer: '',
    document: parse('{ a }'),
    operationName: undefined,
    variables: undefined,
    throttleMs,
    createContext: () => ({}),
    onEmpty: () => {},
    resume: createResumeContext(),
  });
}

/** Lets the queued microtask flush run. */
const nextTick = () => Promise.resolve();

describe('scheduler', () => {
  it('coalesces requests within one tick into one run per group', async () => {
    const runs: LiveQueryGroup[] = [];
    const scheduler = createScheduler((g) => void runs.push(g));
    const a = group();
    const b = group();
    scheduler.requestRun(a);
    scheduler.requestRun(a);
    scheduler.requestRun(b);
    expect(scheduler.flushPending).toBe(true);
    await nextTick();
    expect(runs).toEqual([a, b]);
    expect(a.queued).toBe(false);
    expect(scheduler.flushPending).toBe(false);
  });

  it('marks a running group for one more run instead of queueing it', async () => {
    const runs: LiveQueryGroup[] = [];
    const scheduler = createScheduler((g) => void runs.push(g));
    const g = group();
    startRun(g);
    scheduler.requestRun(g);
    await nextTick();
    expect(runs).toEqual([]);
    expect(g.rerun).toBe(true);
  });

  it('waits for the throttle window with a timer, which cancel releases', async () => {
    const runs: LiveQueryGroup[] = [];
    const scheduler = createScheduler((g) => void runs.push(g));
    const g = group(60_000);
    startRun(g); // the window starts now
    g.running = false;
    scheduler.requestRun(g);
    expect(g.timer).toBeDefined();
    scheduler.cancel(g);
    expect(g.timer).toBeUndefined();
    await nextTick();
    expect(runs).toEqual([]);
  });

  it('runs nothing once closed', async () => {
    const runs: LiveQueryGroup[] = [];
    const scheduler = createScheduler((g) => void runs.push(g));
    scheduler.enqueue(group());
    scheduler.close();
    await nextTick();
    expect(runs).toEqual([]);
  });
});

describe('a storm of first executions', () => {
  /** A scheduler whose executions end when the test says, with a bound of 2 first runs in flight. */
  function manual() {
    const runs: LiveQueryGroup[] = [];
    const ends: (() => void)[] = [];
    const scheduler = createScheduler(
      (g) =>
        new Promise<void>((resolve) => {
          runs.push(g);
          ends.push(resolve);
        }),
      2,
    );
    return { runs, ends, scheduler };
  }
  /** Resolves after the turn of the event loop that the scheduler's next slice waits for (queued once an execution's promise settles). */
  const nextTurn = async () => {
    await nextTick();
    await nextTick();
    await new Promise((resolve) => setImmediate(resolve));
  };

  it('starts at most the bound at once; the next ones only in a later turn, after one ended', async () => {
    const { runs, ends, scheduler } = manual();
    const [a, b, c, d] = [group(), group(), group(), group()];
    for (const g of [a, b, c, d]) scheduler.enqueue(g);
    await nextTick();
    expect(runs).toEqual([a, b]);
    ends[0]!();
    await nextTick();
    await nextTick();
    expect(runs).toEqual([a, b]); // not from the ended execution's promise chain
    expect(scheduler.flushPending).toBe(true);
    await nextTurn();
    expect(runs).toEqual([a, b, c]);
    ends[1]!();
    ends[2]!();
    await nextTurn();
    expect(runs).toEqual([a, b, c, d]);
    expect(scheduler.flushPending).toBe(false);
  });

  it('re-runs of groups with a result start at once, ahead of waiting first executions', async () => {
    const { runs, scheduler } = manual();
    const firsts = [group(), group(), group()];
    for (const g of firsts) scheduler.enqueue(g);
    await nextTick();
    const live = group();
    live.revision = 3;
    scheduler.requestRun(live);
    await nextTick();
    expect(runs).toEqual([firsts[0], firsts[1], live]);
  });

  it('forgets a cancelled waiting group, and starts nothing once closed', async () => {
    const { runs, ends, scheduler } = manual();
    const [a, b, c, d] = [group(), group(), group(), group()];
    for (const g of [a, b, c, d]) scheduler.enqueue(g);
    await nextTick();
    scheduler.cancel(c);
    ends[0]!();
    await nextTurn();
    expect(runs).toEqual([a, b, d]);
    scheduler.close();
    ends[1]!();
    await nextTurn();
    expect(runs).toEqual([a, b, d]);
    expect(scheduler.flushPending).toBe(false);
  });
});

describe('run counter', () => {
  it('takes the pending keys as a run starts', () => {
    const g = group();
    expect(needsFullRun(g)).toBe(true); // first run
    g.pendingKeys = new Set(['Item:a']);
    expect([...takePendingKeys(g)]).toEqual(['Item:a']);
    expect(g.pendingKeys).toBeUndefined();
    expect(g.pendingAll).toBe(false);
  });

  it('drops a run that a newer one replaced, and a run of a closed group', () => {
    const g = group();
    const first = startRun(g);
    startRun(g);
    expect(settleRun(g, first, [], new Set(), false, 3)).toBe('drop');
    const last = g.runCounter;
    g.closed = true;
    expect(settleRun(g, last, [], new Set(), false, 3)).toBe('drop');
  });

  it('retries an overtaken run up to maxOvertaken times, then publishes and runs again', () => {
    const g = group();
    g.revision = 1;
    const keys = new Set(['Item:a']);
    for (let i = 0; i < 2; i++) {
      const runId = startRun(g);
      takePendingKeys(g);
      g.rerun = true; // invalidated mid-run
      expect(settleRun(g, runId, [], keys, false, 2)).toBe('retry');
      expect([...(g.pendingKeys ?? [])]).toEqual(['Item:a']);
    }
    const runId = startRun(g);
    g.rerun = true;
    expect(settleRun(g, runId, [], keys, false, 2)).toBe('publishAndRerun');
    expect(g.overtaken).toBe(0);
  });

  it('turns keys written during the run into pending keys and one more run', () => {
    const g = group();
    g.revision = 1;
    const runId = startRun(g);
    expect(settleRun(g, runId, ['Item:b'], new Set(), true, 0)).toBe('publishAndRerun');
    expect([...(g.pendingKeys ?? [])]).toEqual(['Item:b']);
    const next = startRun(g);
    expect(settleRun(g, next, [], new Set(), true, 3)).toBe('publish');
  });
});
