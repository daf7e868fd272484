/** A timer for a moment beyond Node's 24.8-day cap on setTimeout (which would fire at once). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callAt } from '../../server/transport/ws/callAt.js';

const DAY = 24 * 60 * 60 * 1000;

describe('callAt', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at a moment 30 days away, not before', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    callAt(Date.now() + 30 * DAY, () => fired.push(Date.now()));
    vi.advanceTimersByTime(30 * DAY - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('fires a moment already past on the next turn, and cancels', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    callAt(Date.now() - 1000, () => fired.push('past'));
    const cancel = callAt(Date.now() + 40 * DAY, () => fired.push('cancelled'));
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(fired).toEqual(['past']);
    vi.advanceTimersByTime(25 * DAY);
    cancel();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(20 * DAY);
    expect(fired).toEqual(['past']);
  });
});
