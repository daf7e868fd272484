/**
 * Access in the store, for every driver (called by storeSuite.ts): owners and visibility, lists
 * filtered per viewer in SQL, shares, and the keys that access changes announce, through the store
 * and in plain SQL (live queries re-run from their roots: the item's root id key and root list key).
 */
import { expect, it } from 'vitest';
import type { SqlStore } from '../../server/store/sqlStore.js';
import { StoreError } from '../../server/store/types.js';
import { watchKeys } from './watchKeys.js';

/** What the access tests need from the suite: its store and plain SQL beside it. */
export interface AccessHarness {
  store: SqlStore;
  sql: (text: string, params?: readonly unknown[]) => Promise<void>;
}

const documentKey = (id: string) => `Query.document(id:${JSON.stringify(id)})`;
const datasetKey = (id: string) => `Query.dataset(id:${JSON.stringify(id)})`;

async function rejectsWith(promise: Promise<unknown>, code: StoreError['code'], message: RegExp) {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
}

/** Registers the access tests; `get` is called inside each test (after the suite's beforeAll). */
export function describeAccess(get: () => AccessHarness) {
  it('keeps owners and visibility, and lists only what each viewer may read', async () => {
    const { store } = get();
    const secret = await store.createDocument({ title: 'Ann only', tags: ['access'] }, 'ann');
    const open = await store.createDocument({ title: 'Everyone', tags: ['access'], visibility: 'PUBLIC' }, 'ann');
    expect(secret).toMatchObject({ owner: 'ann', visibility: 'PRIVATE' });
    expect(open).toMatchObject({ owner: 'ann', visibility: 'PUBLIC' });
    const ids = async (viewer: string | null) => (await store.listDocuments('access', viewer)).map((d) => d.id);
    expect(await ids('ann')).toEqual([open.id, secret.id]);
    expect(await ids('bob')).toEqual([open.id]);
    expect(await ids(null)).toEqual([open.id]);

    await store.share('document', secret.id, 'bob', 'READER');
    expect(await ids('bob')).toEqual([open.id, secret.id]);
    expect(await ids('carl')).toEqual([open.id]);
    await store.share('document', secret.id, 'bob', 'EDITOR');
    expect(await store.rolesOf('document', [secret.id, open.id, 'missing'], 'bob')).toEqual(new Map([[secret.id, 'EDITOR']]));
    expect((await store.sharesOf('document', [secret.id, open.id])).get(secret.id)).toEqual([{ itemId: secret.id, viewerId: 'bob', role: 'EDITOR' }]);
    expect((await store.sharesOf('document', [open.id])).get(open.id)).toEqual([]);
    await store.unshare('document', secret.id, 'bob');
    await store.unshare('document', secret.id, 'bob'); // none left: nothing happens
    expect(await ids('bob')).toEqual([open.id]);
    await store.setVisibility('document', secret.id, 'PUBLIC');
    expect(await ids(null)).toEqual([open.id, secret.id]);

    const dataset = await store.createDataset('Ann rows', 'ann');
    expect(dataset).toMatchObject({ owner: 'ann', visibility: 'PRIVATE' });
    expect((await store.listDatasets('ann')).map((d) => d.id)).toContain(dataset.id);
    expect((await store.listDatasets('bob')).map((d) => d.id)).not.toContain(dataset.id);
    expect((await store.listDatasets(null)).map((d) => d.id)).not.toContain(dataset.id);
    await store.share('dataset', dataset.id, 'bob', 'READER');
    expect((await store.listDatasets('bob')).map((d) => d.id)).toContain(dataset.id);

    // The items of sections, comments and rows, for the checks of their writes.
    const section = await store.addSection(secret.id, { heading: 'h', body: '' });
    const comment = await store.addComment(secret.id, { author: 'ann', body: 'c' });
    const [row] = await store.upsertRows(dataset.id, [{ label: 'r', value: 1 }]);
    expect(await store.parentsOf('section', [section.id, 'missing'])).toEqual(new Map([[section.id, secret.id]]));
    expect(await store.parentsOf('comment', [comment.id])).toEqual(new Map([[comment.id, secret.id]]));
    expect(await store.parentsOf('row', [row?.id ?? ''])).toEqual(new Map([[row?.id, dataset.id]]));

    await rejectsWith(store.share('document', 'missing', 'bob', 'READER'), 'NOT_FOUND', /^document missing not found$/);
    await rejectsWith(store.unshare('dataset', 'missing', 'bob'), 'NOT_FOUND', /^dataset missing not found$/);
    await rejectsWith(store.setVisibility('document', 'missing', 'PUBLIC'), 'NOT_FOUND', /^document missing not found$/);
    await store.deleteDocument(secret.id);
    expect((await store.sharesOf('document', [secret.id])).get(secret.id)).toEqual([]);
  });

  it('announces access changes, through the store and in plain SQL, on the item\'s root keys', async () => {
    const { store, sql } = get();
    const watch = watchKeys(store);
    const expectKeys = async (keys: string[]) => {
      await watch.waitFor(keys);
      watch.seen.clear();
    };
    const doc = await store.createDocument({ title: 'Shared' }, 'ann');
    await expectKeys([`Document:${doc.id}`]);
    const rootKeys = [documentKey(doc.id), 'Query.documents', `Document:${doc.id}`];

    await store.share('document', doc.id, 'bob', 'READER');
    await expectKeys([...rootKeys, `Document:${doc.id}.shares`]);
    await store.share('document', doc.id, 'bob', 'EDITOR');
    await expectKeys([...rootKeys, `Document:${doc.id}.shares`]);
    await store.setVisibility('document', doc.id, 'PUBLIC');
    await expectKeys(rootKeys);
    await store.unshare('document', doc.id, 'bob');
    await expectKeys([...rootKeys, `Document:${doc.id}.shares`]);

    await sql(`INSERT INTO document_shares (document_id, viewer_id, role) VALUES ($1, 'carl', 'READER')`, [doc.id]);
    await expectKeys([...rootKeys, `Document:${doc.id}.shares`]);
    await sql(`UPDATE document_shares SET role = 'EDITOR' WHERE document_id = $1`, [doc.id]);
    await expectKeys([...rootKeys, `Document:${doc.id}.shares`]);
    await sql(`DELETE FROM document_shares WHERE document_id = $1`, [doc.id]);
    await expectKeys([...rootKeys, `Document:${doc.id}.shares`]);
    await sql(`UPDATE documents SET visibility = 'PRIVATE' WHERE id = $1`, [doc.id]);
    await expectKeys(rootKeys);
    await sql(`UPDATE documents SET owner = 'bob' WHERE id = $1`, [doc.id]);
    await expectKeys(rootKeys);

    const dataset = await store.createDataset('Shared rows', 'ann');
    await expectKeys([`Dataset:${dataset.id}`]);
    const datasetRoots = [datasetKey(dataset.id), 'Query.datasets', `Dataset:${dataset.id}`];
    await store.share('dataset', dataset.id, 'bob', 'READER');
    await expectKeys([...datasetRoots, `Dataset:${dataset.id}.shares`]);
    await sql(`UPDATE datasets SET visibility = 'PUBLIC' WHERE id = $1`, [dataset.id]);
    await expectKeys(datasetRoots);
    await sql(`DELETE FROM dataset_shares WHERE dataset_id = $1`, [dataset.id]);
    await expectKeys([...datasetRoots, `Dataset:${dataset.id}.shares`]);

    // A content update changes no access: the object alone, no root key.
    await store.updateDocument(doc.id, { body: 'content' });
    await watch.waitFor([`Document:${doc.id}`]);
    expect(watch.seen.has(documentKey(doc.id))).toBe(false);
    watch.stop();
  });
}
