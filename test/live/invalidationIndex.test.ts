import { describe, expect, it } from 'vitest';
import { createInvalidationIndex, type KeyList } from '../../server/live/invalidationIndex.js';

type Group = { n: number; indexKeys: KeyList | undefined };

const collect = (index: ReturnType<typeof createInvalidationIndex<Group>>, key: string) => {
  const into = new Set<Group>();
  index.collect(key, into);
  return [...into].map((g) => g.n).sort();
};

describe('invalidation index', () => {
  it('maps keys to one or many groups and forgets them exactly', () => {
    const index = createInvalidationIndex<Group>();
    const a: Group = { n: 1, indexKeys: undefined };
    const b: Group = { n: 2, indexKeys: undefined };
    index.set(a, new Set(['x', 'y']));
    index.set(b, new Set(['y', 'z']));
    expect(collect(index, 'x')).toEqual([1]);
    expect(collect(index, 'y')).toEqual([1, 2]);
    expect(index.size).toBe(3);
    index.set(a, new Set(['x'])); // y no longer read by a
    expect(collect(index, 'y')).toEqual([2]);
    index.add(b, ['x', 'w']);
    expect(collect(index, 'x')).toEqual([1, 2]);
    index.delete(a);
    expect(collect(index, 'x')).toEqual([2]);
    index.delete(b);
    expect(index.size).toBe(0);
    expect(collect(index, 'y')).toEqual([]);
  });
});
