/** With onWriteKeys (the Redis bus), the store's own writes hand over their keys instead of NOTIFYing. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/openStore.js';
import type { SqlStore } from '../../server/store/sqlStore.js';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../support/postgres.js';
import { createQueue } from '../support/waitFor.js';
import { TESTER } from './storeSuite.js';

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('store with onWriteKeys (PostgreSQL)', () => {
  let database: TempDatabase;
  let store: SqlStore;
  let sql: pg.Client;
  const handed = createQueue<string[]>();
  const notified = createQueue<string[]>();
  /** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTempDatabase();
    cleanups.push(() => database.drop());
    store = await openStore({ databaseUrl: database.url, seed: false, onWriteKeys: (keys) => handed.push(keys) });
    cleanups.push(() => store.close());
    store.onChange((keys) => notified.push(keys));
    sql = new pg.Client({ connectionString: database.url });
    cleanups.push(() => sql.end());
    await sql.connect();
  });
  afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('hands the keys of each committed write over once, and NOTIFYs nothing for them', async () => {
    const doc = await store.createDocument({ title: 'A' }, TESTER);
    expect(new Set(await handed.take(3_000, 'keys of createDocument'))).toEqual(
      new Set([`Document:${doc.id}`, 'Query.documents', `Query.document(id:"${doc.id}")`]),
    );
    const section = await store.addSection(doc.id, { heading: 'h', body: '' });
    expect(new Set(await handed.take(3_000, 'keys of addSection'))).toEqual(
      new Set([`Section:${section.id}`, `Document:${doc.id}`, `Document:${doc.id}.sections`]),
    );
    const dataset = await store.createDataset('D', TESTER);
    await handed.take(3_000, 'keys of createDataset');
    const rows = await store.upsertRows(dataset.id, Array.from({ length: 2_000 }, (_, i) => ({ label: `r${i}`, value: i })));
    const rowKeys = await handed.take(3_000, 'keys of upsertRows');
    // 2,000 rows, the dataset and its list of rows.
    expect(rowKeys).toHaveLength(2_002);
    expect(rowKeys).toContain(`Row:${rows[1999]!.id}`);
    expect(rowKeys).toContain(`Dataset:${dataset.id}.rows`);
    // A conflicting write hands over nothing.
    await expect(store.updateDocument(doc.id, { title: 'x' }, 99)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Others' writes still arrive by NOTIFY — and they are the first thing the feed carries.
    await sql.query('UPDATE documents SET title = $1 WHERE id = $2', ['by psql', doc.id]);
    expect(await notified.take(3_000, 'the psql write')).toEqual([`Document:${doc.id}`]);
    expect(handed.pending).toEqual([]);
  });
});
