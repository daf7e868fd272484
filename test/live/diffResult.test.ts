import fc from 'fast-check';
import fastJsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { diffResult } from '../../server/live/diffResult.js';
import type { JsonValue, Patch } from '../../server/live/liveResult.js';

function apply(prev: JsonValue, patch: Patch): JsonValue {
  // validate = true: every op must be valid against the document as it stands when applied.
  return fastJsonPatch.applyPatch(structuredClone(prev), patch, true, false).newDocument;
}

const items = (ids: string[]) => ids.map((id) => ({ id, title: `t${id}` }));

describe('diffResult', () => {
  it('returns no ops for equal values', () => {
    expect(diffResult({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('replaces a changed scalar by path', () => {
    expect(diffResult({ document: { title: 'A' } }, { document: { title: 'B' } })).toEqual([
      { op: 'replace', path: '/document/title', value: 'B' },
    ]);
  });

  it('inserting at the head of a 1,000-item list is one add', () => {
    const prev = { list: items(Array.from({ length: 1000 }, (_, i) => String(i))) };
    const next = { list: [{ id: 'new', title: 'tnew' }, ...prev.list] };
    expect(diffResult(prev, next)).toEqual([{ op: 'add', path: '/list/0', value: { id: 'new', title: 'tnew' } }]);
  });

  it('moving an item is one move, in either direction', () => {
    const prev = { s: items(['a', 'b', 'c', 'd', 'e']) };
    expect(diffResult(prev, { s: items(['b', 'c', 'd', 'e', 'a']) })).toEqual([
      { op: 'move', from: '/s/0', path: '/s/4' },
    ]);
    expect(diffResult(prev, { s: items(['e', 'a', 'b', 'c', 'd']) })).toEqual([
      { op: 'move', from: '/s/4', path: '/s/0' },
    ]);
    expect(diffResult(prev, { s: items(['a', 'd', 'b', 'c', 'e']) })).toEqual([
      { op: 'move', from: '/s/3', path: '/s/1' },
    ]);
  });

  it('removing an item is one remove', () => {
    expect(diffResult({ s: items(['a', 'b', 'c']) }, { s: items(['a', 'c']) })).toEqual([
      { op: 'remove', path: '/s/1' },
    ]);
  });

  it('a change inside a moved item is addressed by its final index', () => {
    const prev = { s: items(['a', 'b', 'c']) };
    const next = { s: [{ id: 'c', title: 'changed' }, ...items(['a', 'b'])] };
    const patch = diffResult(prev, next);
    expect(patch).toEqual([
      { op: 'move', from: '/s/2', path: '/s/0' },
      { op: 'replace', path: '/s/0/title', value: 'changed' },
    ]);
    expect(apply(prev, patch)).toEqual(next);
  });

  it('diffs lists without ids by index, trimming the common prefix and suffix', () => {
    expect(diffResult({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'x', 'b', 'c'] })).toEqual([
      { op: 'add', path: '/tags/1', value: 'x' },
    ]);
    expect(diffResult({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'c'] })).toEqual([{ op: 'remove', path: '/tags/1' }]);
  });

  it('handles null ↔ object and added or removed keys', () => {
    const patch = diffResult({ document: null }, { document: { id: '1' } });
    expect(patch).toEqual([{ op: 'replace', path: '/document', value: { id: '1' } }]);
    expect(apply({ a: 1, b: 2 }, diffResult({ a: 1, b: 2 }, { b: 3, c: 4 }))).toEqual({ b: 3, c: 4 });
  });

  it('escapes pointer tokens', () => {
    expect(diffResult({ 'a/b~': 1 }, { 'a/b~': 2 })).toEqual([{ op: 'replace', path: '/a~1b~0', value: 2 }]);
  });

  const idList = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnop'.split('')), { maxLength: 16 });
  const keyedList = idList.chain((ids) =>
    fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), v: fc.integer({ min: 0, max: 3 }) }))),
  );
  const value: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom<JsonValue>(null, true, 0, 1, 'x', 'y'),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
    ),
  })).v;

  it('property: applying the patch to prev gives next (keyed lists)', () => {
    fc.assert(
      fc.property(keyedList, keyedList, (prev, next) => {
        const a = { list: prev, n: { list: prev } };
        const b = { list: next, n: { list: next } };
        expect(apply(a, diffResult(a, b))).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a permutation of a keyed list needs at most n - LIS moves and no adds', () => {
    fc.assert(
      fc.property(keyedList.chain((l) => fc.tuple(fc.constant(l), fc.shuffledSubarray(l, { minLength: l.length }))), ([prev, next]) => {
        const patch = diffResult(prev, next);
        expect(patch.every((op) => op.op === 'move')).toBe(true);
        expect(apply(prev, patch)).toEqual(next);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: applying the patch to prev gives next (any JSON)', () => {
    fc.assert(
      fc.property(value, value, (prev, next) => {
        expect(apply({ r: prev }, diffResult({ r: prev }, { r: next }))).toEqual({ r: next });
      }),
      { numRuns: 2000 },
    );
  });
});
