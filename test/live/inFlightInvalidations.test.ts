import { describe, expect, it } from 'vitest';
import { createInFlightInvalidations } from '../../server/live/inFlightInvalidations.js';

describe('in-flight invalidations', () => {
  it('reports keys read by an execution and invalidated while it ran, and forgets them after', () => {
    const log = createInFlightInvalidations();
    log.record(['x']); // nothing running: not kept
    expect(log.size).toBe(0);
    const first = log.begin();
    log.record(['a', 'b']);
    const second = log.begin();
    log.record(['c']);
    expect(log.end(first, new Set(['a', 'c', 'z']))).toEqual(['a', 'c']);
    expect(log.size).toBe(1); // 'c' may still matter to the second execution
    expect(log.end(second, new Set(['a', 'b', 'c']))).toEqual(['c']);
    expect(log.size).toBe(0);
  });

  it('reports everything after an invalidate-all', () => {
    const log = createInFlightInvalidations();
    const token = log.begin();
    log.record(['*']);
    expect(log.end(token, new Set())).toEqual(['*']);
  });
});
