/**
 * The behavioural suite every store driver must pass; `pglite.test.ts` and `postgres.test.ts` run it
 * against their database. Tests run in order and share one database: the restart tests come last.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreLogger } from '../../server/db/db.js';
import { migrate } from '../../server/store/migrate.js';
import { SAMPLE_DATASET_ID, SAMPLE_ROW_COUNT } from '../../server/store/seed.js';
import { CHANGES_CHANNEL, type SqlStore } from '../../server/store/sqlStore.js';
import { StoreError, type DocumentRecord } from '../../server/store/types.js';
import { describeAccess } from './accessSuite.js';
import { describeWindows } from './windowSuite.js';
import { watchKeys } from './watchKeys.js';

/** How a driver's test file provides databases to {@link describeStore}. */
export interface StoreHarness {
  /** Opens a store on the harness's database (the same one on every call). */
  open(options?: { seed?: boolean; logger?: StoreLogger }): Promise<SqlStore>;
  /** Writes with plain SQL, bypassing the store (on PostgreSQL through a separate connection). */
  sql(store: SqlStore, text: string, params?: readonly unknown[]): Promise<void>;
  /** Removes the database. */
  dispose(): Promise<void>;
}

/** A logger that keeps what it is told, for assertions and quiet test output. */
export function recordingLogger() {
  const entries: { level: 'info' | 'warn' | 'error'; msg: string; obj: Record<string, unknown> }[] = [];
  const logger: StoreLogger = {
    info: (obj, msg) => entries.push({ level: 'info', msg, obj }),
    warn: (obj, msg) => entries.push({ level: 'warn', msg, obj }),
    error: (obj, msg) => entries.push({ level: 'error', msg, obj }),
  };
  return { logger, entries };
}

export { watchKeys };

async function expectStoreError(promise: Promise<unknown>, code: StoreError['code'], message?: RegExp) {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  if (message) expect((error as StoreError).message).toMatch(message);
}

/** The viewer every item of this suite belongs to (access itself: the access tests). */
export const TESTER = 'tester';

const documentQueryKey = (id: string) => `Query.document(id:${JSON.stringify(id)})`;
const datasetQueryKey = (id: string) => `Query.dataset(id:${JSON.stringify(id)})`;

/** Registers the behavioural suite for one driver. */
export function describeStore(name: string, makeHarness: () => Promise<StoreHarness>) {
  describe(name, () => {
    let harness: StoreHarness;
    let store: SqlStore;
    const log = recordingLogger();
    /** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
    const cleanups: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      harness = await makeHarness();
      cleanups.push(() => harness.dispose());
      store = await harness.open({ logger: log.logger });
      cleanups.push(() => store.close());
    });
    afterAll(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    /** Waits until a throwaway write's keys arrive: every notification committed before it has arrived too. */
    async function barrier(): Promise<Set<string>> {
      const watch = watchKeys(store);
      const dataset = await store.createDataset('barrier', TESTER);
      await watch.waitFor([`Dataset:${dataset.id}`]);
      watch.stop();
      await harness.sql(store, 'DELETE FROM datasets WHERE id = $1', [dataset.id]);
      return watch.seen;
    }

    it('is ready and seeded on first open', async () => {
      expect(store.isReady()).toBe(true);
      const documents = await store.listDocuments(null, TESTER);
      expect(documents.map((d) => d.id)).toEqual(['welcome', 'live-queries', 'roadmap']);
      for (const document of documents) {
        expect(document.revision).toBe(1);
        expect(document.title.length).toBeGreaterThan(0);
        expect(document.tags.length).toBeGreaterThan(0);
        expect(document.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      }
      const sections = await store.sectionsOf(documents.map((d) => d.id));
      for (const document of documents) {
        const list = sections.get(document.id) ?? [];
        expect(list.length).toBeGreaterThanOrEqual(2);
        expect(list.length).toBeLessThanOrEqual(5);
        expect(list.map((s) => s.position)).toEqual(list.map((_, i) => i));
      }
      expect(await store.listDatasets(TESTER)).toEqual([{ id: SAMPLE_DATASET_ID, name: 'Sensor readings', owner: 'system', visibility: 'PUBLIC' }]);
      const rows = await store.rowsOf(SAMPLE_DATASET_ID);
      expect(rows).toHaveLength(SAMPLE_ROW_COUNT);
      expect(rows[0]).toMatchObject({ label: 'r0001', datasetId: SAMPLE_DATASET_ID });
      expect(rows.at(-1)?.label).toBe('r1000');
      const summary = await store.summaryOf(SAMPLE_DATASET_ID);
      expect(summary.count).toBe(SAMPLE_ROW_COUNT);
      expect(summary.mean).toBeCloseTo(summary.sum / SAMPLE_ROW_COUNT, 9);
      expect(summary.min).toBe(Math.min(...rows.map((r) => r.value)));
      expect(summary.max).toBe(Math.max(...rows.map((r) => r.value)));
    });

    it('applies no migration twice', async () => {
      expect(await migrate(store.db)).toEqual([]);
    });

    it('plans every join of transition tables without nested loops (PL/pgSQL keeps the first call’s plan)', async () => {
      // A nested loop planned for a 1-row first statement would stay for every later one: quadratic.
      const functions = await store.db.query<{ name: string; config: string[] | null }>(
        `SELECT p.proname AS name, p.proconfig AS config FROM pg_proc p
         WHERE p.prorettype = 'trigger'::regtype AND p.pronamespace = 'public'::regnamespace
           AND p.prosrc ~ '\\mold_rows\\M' AND p.prosrc ~ '\\mnew_rows\\M'
           AND p.prosrc ~* '\\mjoin\\M|\\mo\\.id\\s*=\\s*n\\.id\\M'`,
      );
      expect(functions.map((f) => f.name)).toContain('livedoc_changed');
      for (const { name, config } of functions) expect({ name, config }).toEqual({ name, config: expect.arrayContaining(['enable_nestloop=off']) });
    });

    it('creates, reads, lists, updates and deletes documents', async () => {
      const watch = watchKeys(store);
      const a = await store.createDocument({ title: 'A', tags: ['x', 'y'] }, TESTER);
      expect(a).toMatchObject({ title: 'A', body: '', tags: ['x', 'y'], revision: 1 });
      const b = await store.createDocument({ title: 'B', body: 'text' }, TESTER);
      expect(b.tags).toEqual([]);
      await watch.waitFor([`Document:${a.id}`, documentQueryKey(a.id), 'Query.documents', `Document:${b.id}`]);

      expect(await store.getDocument(a.id)).toEqual(a);
      expect(await store.getDocument('missing')).toBeNull();
      expect((await store.listDocuments(null, TESTER)).slice(0, 2).map((d) => d.id)).toEqual([b.id, a.id]);
      expect((await store.listDocuments('x', TESTER)).map((d) => d.id)).toEqual([a.id]);
      expect(await store.listDocuments('no-such-tag', TESTER)).toEqual([]);

      const renamed = await store.updateDocument(a.id, { title: 'A2', body: null });
      expect(renamed).toMatchObject({ id: a.id, title: 'A2', body: '', tags: ['x', 'y'], revision: 2 });
      expect(Date.parse(renamed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(a.updatedAt));
      const retagged = await store.updateDocument(a.id, { tags: ['z'] }, 2);
      expect(retagged).toMatchObject({ title: 'A2', tags: ['z'], revision: 3 });
      expect((await store.listDocuments('x', TESTER)).map((d) => d.id)).toEqual([]);
      const unchanged = await store.updateDocument(a.id, { title: 'A2' });
      expect(unchanged.revision).toBe(3);

      await store.deleteDocument(b.id);
      expect(await store.getDocument(b.id)).toBeNull();
      await expectStoreError(store.deleteDocument(b.id), 'NOT_FOUND');
      await expectStoreError(store.updateDocument(b.id, { title: 'x' }), 'NOT_FOUND');
      await expectStoreError(store.updateDocument(b.id, { title: 'x' }, 1), 'NOT_FOUND');
      watch.stop();
    });

    it('refuses a stale expectedRevision with CONFLICT and writes nothing', async () => {
      const doc = await store.createDocument({ title: 'Draft' }, TESTER);
      const v2 = await store.updateDocument(doc.id, { title: 'Second' }, 1);
      await barrier(); // the keys of those writes have arrived
      const watch = watchKeys(store);
      await expectStoreError(
        store.updateDocument(doc.id, { title: 'Lost update' }, 1),
        'CONFLICT',
        new RegExp(`^document ${doc.id} is at revision 2, not 1$`),
      );
      expect(await store.getDocument(doc.id)).toEqual(v2);
      const seen = await barrier();
      expect(seen.has(`Document:${doc.id}`)).toBe(false);
      watch.stop();
    });

    it('adds, updates, moves and removes sections, one revision each', async () => {
      const doc = await store.createDocument({ title: 'Sections' }, TESTER);
      const revision = async () => (await store.getDocument(doc.id))?.revision;
      const order = async () => (await store.sectionsOf([doc.id])).get(doc.id)?.map((s) => s.heading);

      const a = await store.addSection(doc.id, { heading: 'a', body: '' });
      expect(a).toMatchObject({ documentId: doc.id, heading: 'a', position: 0 });
      expect(await revision()).toBe(2);
      const c = await store.addSection(doc.id, { heading: 'c', body: '' }, 99);
      expect(c.position).toBe(1);
      expect(await revision()).toBe(3);
      const b = await store.addSection(doc.id, { heading: 'b', body: '' }, 1);
      expect(b.position).toBe(1);
      expect(await revision()).toBe(4);
      const first = await store.addSection(doc.id, { heading: 'first', body: '' }, -3);
      expect(first.position).toBe(0);
      expect(await revision()).toBe(5);
      expect(await order()).toEqual(['first', 'a', 'b', 'c']);

      const updated = await store.updateSection(b.id, { heading: 'B', body: 'body' });
      expect(updated).toEqual({ id: b.id, documentId: doc.id, heading: 'B', body: 'body', position: 2 });
      expect(await revision()).toBe(6);

      const moved = await store.moveSection(first.id, 3);
      expect(moved).toMatchObject({ id: doc.id, revision: 7 });
      expect(await order()).toEqual(['a', 'B', 'c', 'first']);
      const movedAgain = await store.moveSection(c.id, -10);
      expect(movedAgain.revision).toBe(8);
      expect(await order()).toEqual(['c', 'a', 'B', 'first']);
      expect((await store.moveSection(a.id, 100)).revision).toBe(9);
      expect(await order()).toEqual(['c', 'B', 'first', 'a']);
      expect((await store.moveSection(a.id, 3)).revision).toBe(9); // already there: no change

      await store.removeSection(b.id);
      expect(await revision()).toBe(10);
      const left = (await store.sectionsOf([doc.id])).get(doc.id) ?? [];
      expect(left.map((s) => [s.heading, s.position])).toEqual([
        ['c', 0],
        ['first', 1],
        ['a', 2],
      ]);

      await expectStoreError(store.addSection('missing', { heading: 'x', body: '' }), 'NOT_FOUND');
      await expectStoreError(store.updateSection(b.id, { heading: 'x', body: '' }), 'NOT_FOUND');
      await expectStoreError(store.moveSection(b.id, 0), 'NOT_FOUND');
      await expectStoreError(store.removeSection(b.id), 'NOT_FOUND');
      expect(await revision()).toBe(10);

      const map = await store.sectionsOf([doc.id, 'missing', doc.id]);
      expect(map.get('missing')).toEqual([]);
      expect(map.get(doc.id)).toHaveLength(3);
      expect((await store.sectionsOf([])).size).toBe(0);

      await store.deleteDocument(doc.id);
      expect((await store.sectionsOf([doc.id])).get(doc.id)).toEqual([]);
    });

    it('creates datasets and upserts, updates and deletes rows', async () => {
      const ds = await store.createDataset('Temperatures', TESTER);
      expect(ds.name).toBe('Temperatures');
      expect(await store.getDataset(ds.id)).toEqual(ds);
      expect(await store.getDataset('missing')).toBeNull();
      const datasets = await store.listDatasets(TESTER);
      expect(datasets[0]?.id).toBe(SAMPLE_DATASET_ID);
      expect(datasets.at(-1)).toEqual(ds);

      expect(await store.summaryOf(ds.id)).toEqual({ count: 0, sum: 0, min: null, max: null, mean: null });
      expect(await store.upsertRows(ds.id, [])).toEqual([]);

      const inserted = await store.upsertRows(ds.id, [
        { label: 'one', value: 1.5 },
        { label: 'two', value: -2 },
        { label: 'three', value: 3 },
      ]);
      expect(inserted.map((r) => [r.label, r.value, r.datasetId])).toEqual([
        ['one', 1.5, ds.id],
        ['two', -2, ds.id],
        ['three', 3, ds.id],
      ]);
      const [one, two, three] = inserted as [(typeof inserted)[0], (typeof inserted)[0], (typeof inserted)[0]];
      const mixed = await store.upsertRows(ds.id, [
        { id: two.id, label: 'TWO', value: 20 },
        { label: 'four', value: 4 },
      ]);
      expect(mixed[0]).toEqual({ id: two.id, datasetId: ds.id, label: 'TWO', value: 20 });
      expect(await store.rowsOf(ds.id)).toEqual([one, mixed[0], three, mixed[1]]);
      expect(await store.summaryOf(ds.id)).toEqual({ count: 4, sum: 28.5, min: 1.5, max: 20, mean: 28.5 / 4 });

      // All or nothing: an unknown id, or the id of another dataset's row, writes nothing.
      const before = await store.rowsOf(ds.id);
      await expectStoreError(
        store.upsertRows(ds.id, [{ label: 'new', value: 1 }, { id: one.id, label: 'x', value: 0 }, { id: 'nope', label: 'y', value: 0 }]),
        'NOT_FOUND',
        /nope/,
      );
      await expectStoreError(
        store.upsertRows(ds.id, [{ id: 'r0001', label: 'stolen', value: 0 }]),
        'NOT_FOUND',
        /r0001/,
      );
      await expectStoreError(store.upsertRows('missing', [{ label: 'x', value: 1 }]), 'NOT_FOUND');
      expect(await store.rowsOf(ds.id)).toEqual(before);
      expect((await store.rowsOf(SAMPLE_DATASET_ID))[0]?.label).toBe('r0001');

      expect(await store.setRowValue(one.id, 100)).toEqual({ ...one, value: 100 });
      await expectStoreError(store.setRowValue('missing', 1), 'NOT_FOUND');

      expect(await store.deleteRows([one.id, three.id, 'missing', one.id])).toBe(2);
      expect(await store.deleteRows([])).toBe(0);
      expect((await store.rowsOf(ds.id)).map((r) => r.label)).toEqual(['TWO', 'four']);
    });

    it('keeps each summary equal to aggregating the rows, through every kind of row write', async () => {
      const a = await store.createDataset('Totals A', TESTER);
      const b = await store.createDataset('Totals B', TESTER);
      const aggregate = async (id: string) => {
        const [row] = await store.db.query<{ count: number; sum: number; min: number | null; max: number | null }>(
          'SELECT count(*)::int AS count, coalesce(sum(value), 0)::float8 AS sum, min(value) AS min, max(value) AS max FROM rows WHERE dataset_id = $1',
          [id],
        );
        return row;
      };
      const expectConsistent = async () => {
        for (const id of [a.id, b.id]) {
          const summary = await store.summaryOf(id);
          const truth = await aggregate(id);
          expect({ count: summary.count, min: summary.min, max: summary.max }).toEqual({ count: truth?.count, min: truth?.min, max: truth?.max });
          expect(summary.sum).toBeCloseTo(truth?.sum ?? 0, 9);
          if (summary.count > 0) expect(summary.mean).toBeCloseTo((truth?.sum ?? 0) / summary.count, 9);
          else expect(summary.mean).toBeNull();
        }
      };
      const rows = await store.upsertRows(a.id, Array.from({ length: 50 }, (_, i) => ({ label: `r${i}`, value: i * 0.1 })));
      await expectConsistent();
      await store.upsertRows(a.id, rows.slice(0, 10).map((r) => ({ id: r.id, label: r.label, value: -r.value })));
      await store.setRowValue(rows[20]!.id, 1e6);
      await expectConsistent();
      // A row moved to another dataset (only possible in SQL) leaves one total and joins the other.
      await harness.sql(store, 'UPDATE rows SET dataset_id = $2 WHERE id = ANY($1::text[])', [rows.slice(40).map((r) => r.id), b.id]);
      await expectConsistent();
      await store.deleteRows(rows.slice(0, 25).map((r) => r.id));
      await expectConsistent();
      await harness.sql(store, 'DELETE FROM datasets WHERE id = $1', [b.id]);
      const [left] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dataset_totals WHERE dataset_id = $1', [b.id]);
      expect(left?.n).toBe(0);
      expect(await store.summaryOf(b.id)).toEqual({ count: 0, sum: 0, min: null, max: null, mean: null });
      await store.deleteRows((await store.rowsOf(a.id)).map((r) => r.id));
      expect(await store.summaryOf(a.id)).toEqual({ count: 0, sum: 0, min: null, max: null, mean: null });
    });

    it('lets exactly one of concurrent removals (or moves) of a section succeed; the others answer NOT_FOUND', async () => {
      const doc = await store.createDocument({ title: 'Contested' }, TESTER);
      for (let round = 0; round < 5; round++) {
        const keep = await store.addSection(doc.id, { heading: `keep ${round}`, body: '' });
        const contested = await store.addSection(doc.id, { heading: `contested ${round}`, body: '' }, 0);
        const outcomes = await Promise.allSettled([
          ...Array.from({ length: 6 }, () => store.removeSection(contested.id)),
          store.moveSection(contested.id, 1),
        ]);
        const removals = outcomes.slice(0, 6);
        expect(removals.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'NOT_FOUND' });
        const sections = (await store.sectionsOf([doc.id])).get(doc.id) ?? [];
        expect(sections.map((s) => s.id)).not.toContain(contested.id);
        expect(sections.map((s) => s.id)).toContain(keep.id);
        expect(sections.map((s) => s.position)).toEqual(sections.map((_, i) => i));
      }
    });

    it('runs concurrent document updates together, each with its own outcome, in order per document', async () => {
      const docs = await Promise.all(Array.from({ length: 20 }, (_, i) => store.createDocument({ title: `B${i}`, body: 'x'.repeat(300) }, TESTER)));
      const carried = new Map<string, object>();
      const stopCarried = store.onChange((_keys, records) => {
        for (const [key, record] of records ?? []) carried.set(key, record);
      });
      const [first, second] = docs as [DocumentRecord, DocumentRecord];
      const outcomes = await Promise.allSettled([
        ...docs.map((d, i) => store.updateDocument(d.id, { title: `B${i}!`, tags: i % 2 ? ['odd', 'x'] : null })),
        store.updateDocument(first.id, { body: 'a second write to the same document' }),
        store.updateDocument(second.id, { title: 'stale' }, 1), // the first update already made it revision 2
        store.updateDocument('missing', { title: 'x' }),
      ]);
      const values = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as unknown)));
      docs.forEach((d, i) =>
        expect(values[i]).toMatchObject({ id: d.id, title: `B${i}!`, tags: i % 2 ? ['odd', 'x'] : [], revision: 2 }),
      );
      expect(values[20]).toMatchObject({ id: first.id, title: 'B0!', body: 'a second write to the same document', revision: 3 });
      expect(values[21]).toMatchObject({ code: 'CONFLICT' });
      expect(values[22]).toMatchObject({ code: 'NOT_FOUND' });
      expect(await store.getDocument(first.id)).toEqual(values[20]);
      expect((await store.getDocument(second.id))?.title).toBe('B1!');
      // One statement for twenty documents: their records do not fit one notification, yet all arrive.
      await barrier();
      for (let i = 0; i < docs.length; i++) {
        expect(carried.get(`Document:${docs[i]!.id}`)).toMatchObject({ title: `B${i}!` });
      }
      stopCarried();
      // Read back several at once, in the order asked, null for a missing one.
      expect(await store.getDocuments([second.id, 'missing', first.id])).toEqual([
        await store.getDocument(second.id),
        null,
        await store.getDocument(first.id),
      ]);
    });

    it('writes updates of several documents together, all of them or none', async () => {
      const docs = await Promise.all([1, 2, 3].map((n) => store.createDocument({ title: `T${n}` }, TESTER)));
      const [a, b, c] = docs as [DocumentRecord, DocumentRecord, DocumentRecord];
      await barrier();
      const changes: string[][] = [];
      const stop = store.onChange((keys) => changes.push(keys));
      const written = await store.updateDocumentsTogether([
        { id: c.id, fields: { title: 'T3!' } },
        { id: a.id, fields: { body: 'new body', tags: ['t'] }, expectedRevision: 1 },
      ]);
      expect(written).toEqual([await store.getDocument(c.id), await store.getDocument(a.id)]);
      expect(written).toMatchObject([
        { id: c.id, title: 'T3!', revision: 2 },
        { id: a.id, title: 'T1', body: 'new body', tags: ['t'], revision: 2 },
      ]);
      await barrier();
      // One statement: its keys arrive together.
      expect(changes.find((keys) => keys.includes(`Document:${a.id}`))).toEqual(expect.arrayContaining([`Document:${c.id}`, 'Query.documents']));
      // A stale revision or a missing document: nothing is written.
      expect(
        await store.updateDocumentsTogether([
          { id: b.id, fields: { title: 'never' } },
          { id: a.id, fields: { title: 'never' }, expectedRevision: 1 },
        ]),
      ).toBeNull();
      expect(await store.updateDocumentsTogether([{ id: b.id, fields: { title: 'never' } }, { id: 'missing', fields: { title: 'x' } }])).toBeNull();
      expect((await store.getDocuments([a.id, b.id])).map((d) => d?.title)).toEqual(['T1', 'T2']);
      await expect(store.updateDocumentsTogether([{ id: b.id, fields: {} }, { id: b.id, fields: {} }])).rejects.toThrow(/once/);
      stop();
    });

    it('announces every document update once, concurrent ones included, with its committed record', async () => {
      const docs = await Promise.all([1, 2, 3].map((n) => store.createDocument({ title: `Once ${n}`, tags: ['once'] }, TESTER)));
      await barrier();
      const changes: { keys: string[]; records: ReadonlyMap<string, object> | undefined }[] = [];
      const stop = store.onChange((keys, records) => changes.push({ keys, records }));
      const [a, b, c] = await Promise.all([
        store.updateDocument(docs[0]!.id, { title: 'Once, changed' }),
        store.updateDocument(docs[1]!.id, { tags: ['once', 'more'] }),
        store.updateDocument(docs[2]!.id, { body: 'Changed body' }),
      ]);
      await barrier();
      stop();
      for (const updated of [a, b, c]) {
        const key = `Document:${updated.id}`;
        expect(changes.filter((change) => change.keys.includes(key))).toHaveLength(1);
        expect(changes.find((change) => change.keys.includes(key))?.records?.get(key)).toEqual(updated);
      }
      // The tag change may change lists of documents by tag.
      expect(changes.some((change) => change.keys.includes('Query.documents'))).toBe(true);
      // A write in SQL to the same documents is announced as well.
      const watch = watchKeys(store);
      await harness.sql(store, `UPDATE documents SET title = title || '!' WHERE id = $1`, [a.id]);
      await watch.waitFor([`Document:${a.id}`]);
      watch.stop();
      expect((await store.getDocument(a.id))?.revision).toBe(a.revision + 1);
    });

    it('sends the committed record of a changed document or row with its keys', async () => {
      const records: { keys: string[]; records: ReadonlyMap<string, object> | undefined }[] = [];
      const stop = store.onChange((keys, recs) => records.push({ keys, records: recs }));
      const watch = watchKeys(store);
      const doc = await store.createDocument({ title: 'Carried', tags: ['a'] }, TESTER);
      const updated = await store.updateDocument(doc.id, { title: 'Carried along' });
      await watch.waitFor([`Document:${doc.id}`]);
      await barrier();
      const withDoc = records.find((r) => r.records?.has(`Document:${doc.id}`));
      expect(withDoc?.records?.get(`Document:${doc.id}`)).toEqual(updated);
      expect(await store.getDocument(doc.id)).toEqual(updated);

      const ds = await store.createDataset('Carried rows', TESTER);
      const [row] = await store.upsertRows(ds.id, [{ label: 'r', value: 1 }]);
      const changed = await store.setRowValue(row!.id, 0.1 + 0.2);
      await watch.waitFor([`Row:${row!.id}`]);
      await barrier();
      const withRow = records.find((r) => r.records?.has(`Row:${row!.id}`));
      expect(withRow?.records?.get(`Row:${row!.id}`)).toEqual(changed);
      expect(await store.getRow(row!.id)).toEqual(changed);
      expect(await store.getRows(['missing', row!.id])).toEqual([null, changed]);
      stop();
      watch.stop();
    });

    it('emits the keys of every kind of write', async () => {
      const watch = watchKeys(store);
      const expectKeys = async (keys: string[]) => {
        await watch.waitFor(keys);
        watch.seen.clear();
      };

      const doc = await store.createDocument({ title: 'Keys' }, TESTER);
      await expectKeys([`Document:${doc.id}`, 'Query.documents', documentQueryKey(doc.id)]);
      await store.updateDocument(doc.id, { body: 'changed' });
      await watch.waitFor([`Document:${doc.id}`]);
      // One payload per write: the list of sections was not announced as changed.
      expect(watch.seen.has(`Document:${doc.id}.sections`)).toBe(false);
      watch.seen.clear();
      await store.updateDocument(doc.id, { tags: ['new-tag'] });
      await expectKeys([`Document:${doc.id}`, 'Query.documents']);

      const list = `Document:${doc.id}.sections`;
      const s1 = await store.addSection(doc.id, { heading: 'one', body: '' });
      await expectKeys([`Section:${s1.id}`, `Document:${doc.id}`, list]);
      const s2 = await store.addSection(doc.id, { heading: 'two', body: '' }, 0);
      await expectKeys([`Section:${s2.id}`, `Document:${doc.id}`, list]);
      await store.updateSection(s1.id, { heading: 'ONE', body: 'b' });
      await expectKeys([`Section:${s1.id}`, `Document:${doc.id}`]);
      await store.moveSection(s1.id, 0);
      await watch.waitFor([`Document:${doc.id}`, list]);
      // A move changes the document's list (which owns the order), not the sections themselves.
      expect(watch.seen.has(`Section:${s1.id}`) || watch.seen.has(`Section:${s2.id}`)).toBe(false);
      watch.seen.clear();
      await store.removeSection(s2.id);
      await expectKeys([`Section:${s2.id}`, `Document:${doc.id}`, list]);
      await store.deleteDocument(doc.id);
      await expectKeys([`Document:${doc.id}`, 'Query.documents', documentQueryKey(doc.id), `Section:${s1.id}`]);

      const ds = await store.createDataset('Keys', TESTER);
      await expectKeys([`Dataset:${ds.id}`, 'Query.datasets', datasetQueryKey(ds.id)]);
      const [row] = await store.upsertRows(ds.id, [{ label: 'a', value: 1 }]);
      await expectKeys([`Row:${row?.id}`, `Dataset:${ds.id}`]);
      // Changing a row changes it and its dataset's summary, not the dataset's list of rows; a value
      // change also the windows of rows ordered by value.
      const byValue = `Dataset:${ds.id}.rows(value)`;
      await store.upsertRows(ds.id, [{ id: row?.id, label: 'A', value: 2 }]);
      await expectKeys([`Row:${row?.id}`, `Dataset:${ds.id}.summary`, byValue]);
      await store.upsertRows(ds.id, [{ id: row?.id, label: 'B', value: 2 }]);
      await watch.waitFor([`Row:${row?.id}`, `Dataset:${ds.id}.summary`]);
      expect(watch.seen.has(byValue) || watch.seen.has(`Dataset:${ds.id}.rows`)).toBe(false);
      watch.seen.clear();
      await store.setRowValue(row?.id ?? '', 3);
      await expectKeys([`Row:${row?.id}`, `Dataset:${ds.id}.summary`, byValue]);
      await store.deleteRows([row?.id ?? '']);
      await expectKeys([`Row:${row?.id}`, `Dataset:${ds.id}`]);
      await harness.sql(store, 'DELETE FROM datasets WHERE id = $1', [ds.id]);
      await expectKeys([`Dataset:${ds.id}`, 'Query.datasets', datasetQueryKey(ds.id)]);

      expect(watch.batches.every((keys) => keys.length === new Set(keys).size)).toBe(true);
      watch.stop();
      // Some 25 writes, each awaited until its keys arrive: ~10 s on PostgreSQL on a busy 2-core machine.
    }, 60_000);

    it('enforces revisions and emits keys for writes made directly in SQL', async () => {
      const doc = await store.createDocument({ title: 'Direct' }, TESTER);
      const s1 = await store.addSection(doc.id, { heading: 'one', body: '' });
      const s2 = await store.addSection(doc.id, { heading: 'two', body: '' });
      const watch = watchKeys(store);

      await harness.sql(store, 'UPDATE documents SET title = $2, revision = 100 WHERE id = $1', [doc.id, 'Edited in psql']);
      await watch.waitFor([`Document:${doc.id}`]);
      expect(await store.getDocument(doc.id)).toMatchObject({ title: 'Edited in psql', revision: 4 });

      // One statement touching two sections: one revision.
      await harness.sql(store, `UPDATE sections SET body = 'x' WHERE document_id = $1`, [doc.id]);
      await watch.waitFor([`Section:${s1.id}`, `Section:${s2.id}`]);
      expect((await store.getDocument(doc.id))?.revision).toBe(5);
      // A reorder in one statement: one revision.
      await harness.sql(store, 'UPDATE sections SET position = 1 - position WHERE document_id = $1', [doc.id]);
      await barrier();
      expect((await store.getDocument(doc.id))?.revision).toBe(6);
      expect((await store.sectionsOf([doc.id])).get(doc.id)?.map((s) => s.id)).toEqual([s2.id, s1.id]);

      // A document whose id changes is announced under both ids, with its root fields.
      const renamed = await store.createDocument({ title: 'Renamed' }, TESTER);
      await harness.sql(store, 'UPDATE documents SET id = $2 WHERE id = $1', [renamed.id, `${renamed.id}-new`]);
      await watch.waitFor([
        `Document:${renamed.id}`,
        `Document:${renamed.id}-new`,
        documentQueryKey(renamed.id),
        documentQueryKey(`${renamed.id}-new`),
        'Query.documents',
      ]);

      // Payloads that are not arrays of strings are ignored without breaking the feed.
      watch.seen.clear();
      await harness.sql(store, `SELECT pg_notify('${CHANGES_CHANNEL}', 'not json')`);
      await harness.sql(store, `SELECT pg_notify('${CHANGES_CHANNEL}', '{"Document:x": 1}')`);
      await harness.sql(store, `SELECT pg_notify('${CHANGES_CHANNEL}', '[1, null, "Custom:key"]')`);
      await watch.waitFor(['Custom:key']);
      expect(watch.batches.at(-1)).toEqual(['Custom:key']);
      await barrier();
      expect(log.entries.filter((e) => e.level === 'warn' && e.msg.includes('malformed'))).toHaveLength(2);
      watch.stop();
    });

    it('upserts 10,000 rows in one call and announces them in payloads under 7,500 bytes', async () => {
      const ds = await store.createDataset('Big', TESTER);
      const payloads: string[] = [];
      const unlisten = await store.db.listen(CHANGES_CHANNEL, (payload) => payloads.push(payload));
      const watch = watchKeys(store);
      const input = Array.from({ length: 10_000 }, (_, i) => ({ label: `big${i}`, value: i }));

      const rows = await store.upsertRows(ds.id, input);
      expect(rows).toHaveLength(10_000);
      await watch.waitFor([...rows.map((r) => `Row:${r.id}`), `Dataset:${ds.id}`], 15_000);
      expect((await store.rowsOf(ds.id)).map((r) => r.label)).toEqual(input.map((r) => r.label));
      expect(await store.summaryOf(ds.id)).toMatchObject({ count: 10_000, sum: 49_995_000, min: 0, max: 9_999 });

      watch.seen.clear();
      const updated = await store.upsertRows(
        ds.id,
        rows.map((r) => ({ id: r.id, label: r.label, value: r.value + 1 })),
      );
      expect(updated.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      await watch.waitFor(rows.map((r) => `Row:${r.id}`), 15_000);
      expect((await store.summaryOf(ds.id)).sum).toBe(50_005_000);

      expect(payloads.length).toBeGreaterThan(20);
      for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(7_500);
      await unlisten();
      watch.stop();
      await store.deleteRows(rows.map((r) => r.id));
    });

    it('adds, edits and deletes comments, announcing them on the comment and the document\'s list', async () => {
      const doc = await store.createDocument({ title: 'Commented' }, TESTER);
      const watch = watchKeys(store);
      const list = `Document:${doc.id}.comments`;
      const first = await store.addComment(doc.id, { author: 'ann', body: 'First' });
      await watch.waitFor([`Comment:${first.id}`, `Document:${doc.id}`, list]);
      watch.seen.clear();
      const second = await store.addComment(doc.id, { author: 'bob', body: 'Second' });
      expect(first).toMatchObject({ documentId: doc.id, author: 'ann', body: 'First', editedAt: null });
      expect(Date.parse(first.createdAt)).not.toBeNaN();
      await watch.waitFor([`Comment:${second.id}`, list]);
      watch.seen.clear();

      const edited = await store.updateComment(first.id, 'First, edited');
      expect(edited).toMatchObject({ id: first.id, body: 'First, edited', createdAt: first.createdAt });
      expect(edited.editedAt).not.toBeNull();
      await watch.waitFor([`Comment:${first.id}`]);
      // An edit changes the comment, not the document's list of comments.
      expect(watch.seen.has(list)).toBe(false);
      expect(await store.getComments([second.id, 'missing', first.id])).toEqual([second, null, edited]);
      expect((await store.commentsOf([doc.id, 'none'])).get(doc.id)).toEqual([edited, second]);
      expect((await store.getDocument(doc.id))?.revision).toBe(doc.revision);

      await store.deleteComment(second.id);
      await watch.waitFor([`Comment:${second.id}`, list]);
      await expect(store.deleteComment(second.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.updateComment(second.id, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(store.addComment('missing', { author: 'a', body: 'b' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // Comments go with their document.
      watch.seen.clear();
      await store.deleteDocument(doc.id);
      await watch.waitFor([`Comment:${first.id}`, `Document:${doc.id}`]);
      expect((await store.commentsOf([doc.id])).get(doc.id)).toEqual([]);
      expect(store.ownKeyedFields).toEqual(['Dataset.rows', 'Dataset.shares', 'Document.comments', 'Document.sections', 'Document.shares']);
      watch.stop();
    });

    describeAccess(() => ({ store, sql: (text, params) => harness.sql(store, text, params) }));
    describeWindows(() => ({ store, sql: (text, params) => harness.sql(store, text, params) }));

    it('keeps data across a restart and does not seed again', async () => {
      const doc = await store.createDocument({ title: 'Survivor', tags: ['kept'] }, TESTER);
      await store.addSection(doc.id, { heading: 'still here', body: '' });
      const ds = await store.createDataset('Kept', TESTER);
      await store.upsertRows(ds.id, [{ label: 'k', value: 42 }]);
      const documents = await store.listDocuments(null, TESTER);

      await store.close();
      expect(store.isReady()).toBe(false);
      store = await harness.open({ logger: log.logger });
      expect(store.isReady()).toBe(true);
      expect(await store.listDocuments(null, TESTER)).toEqual(documents);
      expect((await store.getDocument(doc.id))?.revision).toBe(2);
      expect((await store.sectionsOf([doc.id])).get(doc.id)?.map((s) => s.heading)).toEqual(['still here']);
      expect((await store.rowsOf(ds.id)).map((r) => r.value)).toEqual([42]);
      expect((await store.rowsOf(SAMPLE_DATASET_ID)).length).toBe(SAMPLE_ROW_COUNT);

      // Emptied by hand, then restarted: still not seeded again.
      await harness.sql(store, 'DELETE FROM documents');
      await harness.sql(store, 'DELETE FROM datasets');
      await store.close();
      store = await harness.open({ logger: log.logger });
      expect(await store.listDocuments(null, TESTER)).toEqual([]);
      expect(await store.listDatasets(TESTER)).toEqual([]);

      // Changes still arrive after the restart.
      const watch = watchKeys(store);
      const again = await store.createDocument({ title: 'After restart' }, TESTER);
      await watch.waitFor([`Document:${again.id}`]);
      watch.stop();
      expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
    });
  });
}
