import fastJsonPatch from 'fast-json-patch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError, readPatch } from '../../client/applyPatch.js';
import type { JsonObject, JsonValue } from '../../wire/json.js';
import type { JsonPatchOperation as PatchOperation } from '../../wire/liveResult.js';

/** Freezes a value deeply, so any mutation by the applier throws in strict mode. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function documentFixture(): JsonObject {
  return deepFreeze({
    document: {
      id: 'd1',
      title: 'Old',
      tags: ['a', 'b'],
      sections: [
        { id: 's1', heading: 'One' },
        { id: 's2', heading: 'Two' },
        { id: 's3', heading: 'Three' },
      ],
      owner: { name: 'Ada', address: { city: 'London' } },
    },
    other: { unrelated: true },
  });
}

type Sections = { id: string; heading: string }[];
const doc = (value: JsonValue) => (value as { document: JsonObject }).document;
const sections = (value: JsonValue) => doc(value).sections as Sections;

describe('applyPatch: structural sharing', () => {
  it('copies only the spine of a change; unchanged siblings keep their identity', () => {
    const before = documentFixture();
    const after = applyPatch(before, [{ op: 'replace', path: '/document/sections/1/heading', value: 'Deux' }]);

    expect(sections(after)[1]).toEqual({ id: 's2', heading: 'Deux' });
    // The spine is new...
    expect(after).not.toBe(before);
    expect(doc(after)).not.toBe(doc(before));
    expect(sections(after)).not.toBe(sections(before));
    expect(sections(after)[1]).not.toBe(sections(before)[1]);
    // ...everything else is shared.
    expect(sections(after)[0]).toBe(sections(before)[0]);
    expect(sections(after)[2]).toBe(sections(before)[2]);
    expect(doc(after).tags).toBe(doc(before).tags);
    expect(doc(after).owner).toBe(doc(before).owner);
    expect((after as JsonObject).other).toBe(before.other);
    // And the input is untouched (it is deeply frozen: a write would have thrown).
    expect(sections(before)[1]!.heading).toBe('Two');
  });

  it('keeps the identity of moved, inserted-around and removed-around items', () => {
    const before = documentFixture();
    const [s1, s2, s3] = sections(before);
    const after = applyPatch(before, [
      { op: 'remove', path: '/document/sections/0' },
      { op: 'move', from: '/document/sections/1', path: '/document/sections/0' },
      { op: 'add', path: '/document/sections/-', value: { id: 's4', heading: 'Four' } },
    ]);
    expect(sections(after).map((s) => s.id)).toEqual(['s3', 's2', 's4']);
    expect(sections(after)[0]).toBe(s3);
    expect(sections(after)[1]).toBe(s2);
    expect(sections(after)).not.toContain(s1);
    expect(doc(after).owner).toBe(doc(before).owner);
  });

  it('copies a container at most once per patch, however many operations touch it', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ id: `r${i}`, value: i }));
    const before = deepFreeze({ dataset: { rows } }) as JsonObject;
    const patch: PatchOperation[] = Array.from({ length: 100 }, (_, i) => ({
      op: 'replace',
      path: `/dataset/rows/${i * 10}/value`,
      value: -i,
    }));
    const after = applyPatch(before, patch) as { dataset: { rows: { id: string; value: number }[] } };
    expect(after.dataset.rows[10]).toEqual({ id: 'r10', value: -1 });
    expect(after.dataset.rows[11]).toBe(rows[11]);
    expect(after.dataset.rows.filter((row, i) => row !== rows[i])).toHaveLength(100);
  });

  it('never writes into values that came with the patch (they may be shared)', () => {
    const value = deepFreeze({ id: 's9', heading: 'Nine', meta: { n: 1 } });
    const after = applyPatch(documentFixture(), [
      { op: 'add', path: '/document/sections/0', value },
      { op: 'replace', path: '/document/sections/0/meta/n', value: 2 },
    ]);
    expect((sections(after)[0] as unknown as typeof value).meta.n).toBe(2);
    expect(value.meta.n).toBe(1);
  });
});

describe('applyPatch: RFC 6902 semantics', () => {
  it('supports add, remove, replace, move, copy and test, including on the root', () => {
    const base = deepFreeze({ a: { b: [1, 2, 3] }, c: 'x' }) as JsonObject;
    expect(applyPatch(base, [{ op: 'add', path: '/a/b/1', value: 9 }])).toEqual({ a: { b: [1, 9, 2, 3] }, c: 'x' });
    expect(applyPatch(base, [{ op: 'add', path: '/d', value: null }])).toEqual({ a: { b: [1, 2, 3] }, c: 'x', d: null });
    expect(applyPatch(base, [{ op: 'remove', path: '/c' }])).toEqual({ a: { b: [1, 2, 3] } });
    expect(applyPatch(base, [{ op: 'copy', from: '/a/b', path: '/e' }])).toEqual({ a: { b: [1, 2, 3] }, c: 'x', e: [1, 2, 3] });
    expect(applyPatch(base, [{ op: 'move', from: '/a/b/0', path: '/a/b/2' }])).toEqual({ a: { b: [2, 3, 1] }, c: 'x' });
    expect(applyPatch(base, [{ op: 'test', path: '/a', value: { b: [1, 2, 3] } }])).toBe(base);
    expect(applyPatch(base, [{ op: 'replace', path: '', value: { z: 1 } }])).toEqual({ z: 1 });
    expect(applyPatch(null, [{ op: 'replace', path: '', value: { z: 1 } }])).toEqual({ z: 1 });
    expect(applyPatch(base, [{ op: 'add', path: '/a~1b~0c', value: 1 }])).toMatchObject({ 'a/b~c': 1 });
  });

  it('stores "__proto__" as an own member, never as the prototype', () => {
    const after = applyPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as JsonObject;
    expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
    expect(Object.hasOwn(after, '__proto__')).toBe(true);
  });

  it.each<[string, PatchOperation]>([
    ['a missing member', { op: 'replace', path: '/document/nope', value: 1 }],
    ['removing a missing member', { op: 'remove', path: '/document/nope' }],
    ['an index past the end', { op: 'replace', path: '/document/sections/3', value: 1 }],
    ['an insert past the end', { op: 'add', path: '/document/sections/4', value: 1 }],
    ['a leading-zero index', { op: 'replace', path: '/document/sections/01', value: 1 }],
    ['a non-numeric index', { op: 'remove', path: '/document/sections/x' }],
    ['descending into a string', { op: 'add', path: '/document/title/x', value: 1 }],
    ['a parent that does not exist', { op: 'add', path: '/nope/x', value: 1 }],
    ['a pointer without a leading slash', { op: 'add', path: 'document', value: 1 }],
    ['a bad escape', { op: 'add', path: '/document/a~2', value: 1 }],
    ['moving a value into itself', { op: 'move', from: '/document', path: '/document/x' }],
    ['a failed test', { op: 'test', path: '/document/title', value: 'Old' }],
    ['removing the root', { op: 'remove', path: '' }],
  ])('rejects %s with a PatchError and leaves the document untouched', (_name, operation) => {
    const before = documentFixture();
    const snapshot = structuredClone(before);
    expect(() => applyPatch(before, [{ op: 'replace', path: '/document/title', value: 'New' }, operation])).toThrow(PatchError);
    expect(before).toEqual(snapshot);
  });

  it('validates operations received from the network', () => {
    expect(readPatch([{ op: 'replace', path: '/a', value: 1 }])).toEqual([{ op: 'replace', path: '/a', value: 1 }]);
    expect(() => readPatch({})).toThrow(PatchError);
    expect(() => readPatch([null])).toThrow(/not an object/);
    expect(() => readPatch([{ op: 'jump', path: '/a' }])).toThrow(/unknown op/);
    expect(() => readPatch([{ op: 'add', path: '/a' }])).toThrow(/no "value"/);
    expect(() => readPatch([{ op: 'move', path: '/a' }])).toThrow(/no string "from"/);
    expect(() => readPatch([{ op: 'remove', path: 3 }])).toThrow(/no string "path"/);
  });
});

describe('applyPatch: agrees with a reference implementation', () => {
  const json = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<JsonValue>(null, true, false, 0, 1, 'a', 'b'),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'x/y', 'm~n'), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('applying compare(a, b) to a gives b, without mutating a', () => {
    fc.assert(
      fc.property(json, json, (x, y) => {
        // compare() diffs objects: put both values under a root object.
        const a = { root: x };
        const b = { root: y };
        const before = deepFreeze(structuredClone(a));
        const patch = readPatch(fastJsonPatch.compare(a, b));
        const after = applyPatch(before, patch);
        expect(after).toEqual(b);
        expect(before).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
