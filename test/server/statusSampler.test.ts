import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../server/config.js';
import { createSampleRing } from '../../server/metrics/sampleRing.js';
import type { ServerStatus } from '../../server/metrics/serverStatus.js';
import { createStatusSampler } from '../../server/metrics/statusSampler.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sample ring', () => {
  it('keeps the last values, oldest first', () => {
    const ring = createSampleRing<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (let i = 1; i <= 2; i++) ring.push(i);
    expect(ring.toArray()).toEqual([1, 2]);
    for (let i = 3; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    expect(() => createSampleRing(0)).toThrow('A sample ring expects a positive integer capacity, but got 0.');
  });
});

describe('status sampler', () => {
  const status: ServerStatus = { sockets: 2, streams: 1, groups: 1, liveQueries: 3, patchesPerSecond: 0.5, deliveryP50: 0.0012, deliveryP99: null };

  it('samples every interval into a bounded history, tells onSample, and stops', () => {
    vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:00Z') });
    const onSample = vi.fn();
    const sampler = createStatusSampler({ snapshot: () => status, intervalMs: 1_000, historySamples: 3, onSample });
    vi.advanceTimersByTime(5_000);
    expect(onSample).not.toHaveBeenCalled(); // idle until started
    sampler.start();
    vi.advanceTimersByTime(5_000);
    expect(onSample).toHaveBeenCalledTimes(5);
    const figures = sampler.figures();
    expect(figures).toMatchObject({ sockets: 2, streams: 1, groups: 1, liveQueries: 3, deliveryP50Ms: 1.2, deliveryP99Ms: null });
    expect(figures).toMatchObject({ uptimeSeconds: 10, startedAt: '2030-01-01T00:00:00.000Z', sampleIntervalMs: 1_000 });
    expect(figures.history.map((sample) => [sample.id, sample.at])).toEqual([
      ['3', '2030-01-01T00:00:08.000Z'],
      ['4', '2030-01-01T00:00:09.000Z'],
      ['5', '2030-01-01T00:00:10.000Z'],
    ]);
    expect(figures.history[0]).toMatchObject({ sockets: 2, streams: 1, liveQueries: 3, patchesPerSecond: 0.5, deliveryP50Ms: 1.2, deliveryP99Ms: null });
    sampler.stop();
    expect(vi.getTimerCount()).toBe(0);
    sampler.start();
    expect(vi.getTimerCount()).toBe(0); // not after stop
  });

  it('refuses an interval that is not a positive integer of milliseconds', () => {
    expect(() => createStatusSampler({ snapshot: () => status, intervalMs: 0, historySamples: 3 })).toThrow(
      'The status sample interval expects a positive integer of milliseconds, but got 0.',
    );
  });
});

describe('OPERATORS', () => {
  it('is read as a list of viewer ids and validated', () => {
    expect(readConfig({}).operators).toEqual([]);
    expect(readConfig({ OPERATORS: ' ops , alice,ops ' }).operators).toEqual(['ops', 'alice']);
    expect(() => readConfig({ OPERATORS: 'ops,,alice' })).toThrow(
      'OPERATORS expects comma-separated viewer ids of 1 to 200 characters, but entry 2 of "ops,,alice" has 0.',
    );
    expect(() => readConfig({ OPERATORS: 'x'.repeat(201) })).toThrow(/entry 1 of .* has 201\./);
  });
});
