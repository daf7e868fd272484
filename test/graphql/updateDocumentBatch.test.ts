/**
 * Mutation requests of several `updateDocument` aliases, written together in one statement where they
 * can be: the outcome is always the one serial execution of the fields gives (each alias's record;
 * a failing alias fails as it would alone, after the aliases before it were written, and the ones after
 * it are not run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/openStore.js';
import type { SqlStore } from '../../server/store/sqlStore.js';
import { outcome, runAs, viewer } from './accessSupport.js';

let store: SqlStore;
beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://', seed: false });
});
afterAll(async () => {
  await store.close();
});

/** Three of Ann's documents; the second shared with Rex as READER. */
async function fixture() {
  const ids = await Promise.all([1, 2, 3].map(async (n) => (await store.createDocument({ title: `D${n}` }, 'ann')).id));
  await store.share('document', ids[1] ?? '', 'rex', 'READER');
  return ids as [string, string, string];
}

const update = (alias: string, id: string, title: string, extra = '') =>
  `${alias}: updateDocument(id: ${JSON.stringify(id)}, input: { title: ${JSON.stringify(title)} }${extra}) { id title revision }`;

const titles = async (ids: readonly string[]) => (await store.getDocuments(ids)).map((d) => d?.title);

/** Counts the announcements that carry a key of `ids`. */
function countAnnouncements(ids: readonly string[]) {
  let count = 0;
  const stop = store.onChange((keys) => {
    if (ids.some((id) => keys.includes(`Document:${id}`))) count++;
  });
  return { count: () => count, stop };
}

describe('a request of several updateDocument aliases', () => {
  it('writes every alias, in one statement, each answered with its own record', async () => {
    const [a, b, c] = await fixture();
    const announced = countAnnouncements([a, b, c]);
    const result = await runAs(store, viewer('ann'), `mutation { ${update('x', a, 'A!')} ${update('y', b, 'B!', ', expectedRevision: 1')} ${update('z', c, 'C!')} }`);
    announced.stop();
    expect(result).toEqual({
      data: { x: { id: a, title: 'A!', revision: 2 }, y: { id: b, title: 'B!', revision: 2 }, z: { id: c, title: 'C!', revision: 2 } },
    });
    expect(await titles([a, b, c])).toEqual(['A!', 'B!', 'C!']);
    expect(announced.count()).toBe(1);
  });

  it.each([
    { failure: 'a missing document', code: 'NOT_FOUND', second: (_b: string) => update('y', 'missing', 'B!') },
    { failure: 'a stale expected revision', code: 'CONFLICT', second: (b: string) => update('y', b, 'B!', ', expectedRevision: 7') },
    { failure: 'invalid input', code: 'BAD_USER_INPUT', second: (b: string) => update('y', b, '') },
  ])('with $failure fails at that alias, as serial execution does', async ({ code, second }) => {
    const [a, b, c] = await fixture();
    const result = await runAs(store, viewer('ann'), `mutation { ${update('x', a, 'A!')} ${second(b)} ${update('z', c, 'C!')} }`);
    expect(outcome(result)).toBe(code);
    expect(result.errors?.map((e) => e.path)).toEqual([['y']]);
    expect(result.data).toBeNull(); // updateDocument is non-null
    // The alias before it was written; the one after it never ran.
    expect(await titles([a, b, c])).toEqual(['A!', 'D2', 'D3']);
  });

  it('refuses an alias the viewer may not change, in its own field, after writing those before it', async () => {
    const [a, b] = await fixture();
    await store.share('document', a, 'rex', 'EDITOR');
    const result = await runAs(store, viewer('rex'), `mutation { ${update('x', a, 'A!')} ${update('y', b, 'B!')} }`);
    expect(outcome(result)).toBe('FORBIDDEN');
    expect(result.errors?.map((e) => e.path)).toEqual([['y']]);
    expect(await titles([a, b])).toEqual(['A!', 'D2']);
  });

  it('applies two aliases of one document in order', async () => {
    const [a] = await fixture();
    const result = await runAs(store, viewer('ann'), `mutation { ${update('x', a, 'first')} ${update('y', a, 'second', ', expectedRevision: 2')} }`);
    expect(result).toEqual({ data: { x: { id: a, title: 'first', revision: 2 }, y: { id: a, title: 'second', revision: 3 } } });
  });

  it('runs fields alone when the operation mixes mutations', async () => {
    const [a, b] = await fixture();
    const result = await runAs(
      store,
      viewer('ann'),
      `mutation { ${update('x', a, 'A!')} s: addSection(documentId: ${JSON.stringify(b)}, input: { heading: "H", body: "" }) { heading } ${update('y', b, 'B!')} }`,
    );
    expect(result).toEqual({ data: { x: { id: a, title: 'A!', revision: 2 }, s: { heading: 'H' }, y: { id: b, title: 'B!', revision: 3 } } });
  });
});
