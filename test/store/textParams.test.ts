import { describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/openStore.js';
import { toTextParam } from '../../server/db/textParams.js';

describe('toTextParam', () => {
  it('gives the text form of scalars and NULL', () => {
    expect(toTextParam(null)).toBeNull();
    expect(toTextParam(undefined)).toBeNull();
    expect(toTextParam('a"b\\c')).toBe('a"b\\c');
    expect(toTextParam(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(toTextParam(-Infinity)).toBe('-Infinity');
    expect(toTextParam(12n)).toBe('12');
    expect(toTextParam(true)).toBe('true');
    expect(toTextParam({ a: [1] })).toBe('{"a":[1]}');
    expect(() => toTextParam(() => 1)).toThrow(/function/);
  });

  it('round-trips arrays through PostgreSQL, quotes, backslashes, NULLs and unicode included', async () => {
    const store = await openStore({ dataDir: 'memory://', seed: false });
    try {
      const texts = ['plain', 'with "quotes"', 'back\\slash', '{braces},comma', '', 'NULL', 'ünï ☃', null];
      const numbers = [1.5, -0, 1e-300, 42];
      expect(typeof store.db.announcingQuery).toBe('function');
      const rows = await store.db.announcingQuery!<{ texts: (string | null)[]; numbers: number[] }>(
        'SELECT $1::text[] AS texts, $2::float8[] AS numbers',
        [texts, numbers],
        () => {},
      );
      expect(rows).toEqual([{ texts, numbers }]);
    } finally {
      await store.close();
    }
  });
});
