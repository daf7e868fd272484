import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import { createDeliveryTimes, quantileOf, DELIVERY_BUCKETS } from '../../server/metrics/deliveryTimes.js';

describe('METRICS_TOKEN and METRICS_PORT', () => {
  it('are read and validated', () => {
    expect(readConfig({ METRICS_TOKEN: ' 0123456789abcdef ', METRICS_PORT: '9464' })).toMatchObject({ metricsToken: '0123456789abcdef', metricsPort: 9464 });
    expect(readConfig({})).toMatchObject({ metricsToken: undefined, metricsPort: undefined });
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN expects at least 16 characters without white space, but got 5 characters.');
    expect(() => readConfig({ METRICS_PORT: 'x' })).toThrow('METRICS_PORT expects an integer from 1 to 65535, but got "x".');
    expect(() => readConfig({ METRICS_PORT: '4000' })).toThrow('METRICS_PORT expects a port other than PORT (4000), but got the same.');
  });
});

describe('delivery times', () => {
  it('interpolates quantiles inside buckets, over the last minute only', () => {
    const times = createDeliveryTimes(0);
    for (let i = 0; i < 100; i++) times.observe(i < 50 ? 0.2 : 3, 1_000); // 50 in (0, 0.5 ms], 50 in (2.5, 5 ms]
    expect(times.totals.reduce((a, b) => a + b, 0)).toBe(100);
    expect(times.recentQuantile(0.5, 1_000)).toBeCloseTo(0.0005);
    expect(times.recentQuantile(0.99, 1_000)).toBeGreaterThan(0.0025);
    expect(times.recentQuantile(0.99, 1_000)).toBeLessThanOrEqual(0.005);
    expect(times.recentCount(1_000).count).toBe(100);
    // A minute later the window is empty; the totals stay.
    expect(times.recentQuantile(0.5, 75_000)).toBeUndefined();
    expect(times.recentCount(75_000).count).toBe(0);
    expect(times.sumSeconds).toBeCloseTo((50 * 0.2 + 50 * 3) / 1000);
    expect(quantileOf(new Float64Array(DELIVERY_BUCKETS.length + 1).fill(0), 0.5)).toBeUndefined();
  });
});
