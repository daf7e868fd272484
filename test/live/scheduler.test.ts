import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
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
