import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createMutationRateLimit, mutationFieldCount } from '../../server/graphql/mutationRate.js';
import { createTokenBuckets } from '../../server/runtime/tokenBuckets.js';
import { createSocketQuota } from '../../server/transport/ws/socketQuota.js';

describe('token buckets', () => {
  it('grant the burst, then refill at the rate; a refusal takes nothing and says how long to wait', () => {
    let now = 0;
    const buckets = createTokenBuckets({ ratePerSecond: 50, burst: 200, now: () => now });
    for (let i = 0; i < 200; i++) expect(buckets.take('a', 1)).toBe(0);
    expect(buckets.take('a', 1)).toBe(20);
    expect(buckets.take('a', 2)).toBe(40);
    now += 20;
    expect(buckets.take('a', 1)).toBe(0);
    expect(buckets.take('b', 1)).toBe(0);
  });

  it('a request above the burst waits for a full bucket instead of never running', () => {
    let now = 0;
    const buckets = createTokenBuckets({ ratePerSecond: 1, burst: 3, now: () => now });
    expect(buckets.take('a', 10)).toBe(0);
    expect(buckets.take('a', 10)).toBe(3_000);
    now += 3_000;
    expect(buckets.take('a', 10)).toBe(0);
  });

  it('stay bounded: full buckets are swept, and past maxKeys the least recently used goes', () => {
    let now = 0;
    const buckets = createTokenBuckets({ ratePerSecond: 10, burst: 10, maxKeys: 100, now: () => now });
    for (let i = 0; i < 1_000; i++) buckets.take(`k${i}`, 1);
    expect(buckets.size).toBe(100);
    now += 1_000; // every bucket is full again
    buckets.take('fresh', 1);
    expect(buckets.size).toBe(1);
  });
});

describe('mutation fields', () => {
  it('counts root fields of a mutation, each alias, through fragments; queries count nothing', () => {
    expect(mutationFieldCount(parse('mutation { a: deleteDocument(id: "1") b: deleteDocument(id: "2") __typename }'))).toBe(2);
    expect(mutationFieldCount(parse('mutation M { ...F ... on Mutation { c: deleteDocument(id: "3") } } fragment F on Mutation { deleteDocument(id: "1") }'))).toBe(2);
    expect(mutationFieldCount(parse('query Q { documents { id } } mutation M { deleteDocument(id: "1") }'), 'Q')).toBe(0);
    expect(mutationFieldCount(parse('{ documents { id } }'))).toBe(0);
  });

  it('refuses an operation as a whole with RATE_LIMITED and retryAfterMs', () => {
    const limit = createMutationRateLimit({ ratePerSecond: 1, burst: 2 });
    const two = parse('mutation { a: deleteDocument(id: "1") b: deleteDocument(id: "2") }');
    expect(limit.admit('address:1', two)).toBeUndefined();
    const refused = limit.admit('address:1', two);
    expect(refused?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });
    expect(limit.admit('address:2', two)).toBeUndefined();
  });
});

describe('socket quota', () => {
  it('counts per key, refuses over the quota, and a release (once) frees a place', () => {
    const quota = createSocketQuota(2);
    const a = quota.acquire('address:1');
    const b = quota.acquire('address:1');
    expect(quota.acquire('address:1')).toBeUndefined();
    expect(quota.acquire('address:2')).toBeDefined();
    a?.();
    a?.();
    expect(quota.count('address:1')).toBe(1);
    expect(quota.acquire('address:1')).toBeDefined();
    b?.();
  });
});
