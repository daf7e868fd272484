import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/store/openStore.js';
import { describe, expect, it } from 'vitest';
import { CHANGES_CHANNEL } from '../../server/store/sqlStore.js';
import { describeStore, watchKeys, TESTER } from './storeSuite.js';

describeStore('SQL store on PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'livedoc-store-'));
  return {
    open: (options) => openStore({ dataDir, seed: options?.seed, logger: options?.logger }),
    // PGlite is one connection: "direct SQL" goes through the store's Db, bypassing the store's methods.
    sql: async (store, text, params) => {
      await store.db.query(text, params);
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
});

describe('PGlite store announcing its own writes', () => {
  it('announces its document updates without NOTIFY; writes made in SQL still NOTIFY', async () => {
    const store = await openStore({ dataDir: 'memory://', seed: false });
    try {
      const payloads: string[] = [];
      const unlisten = await store.db.listen(CHANGES_CHANNEL, (payload) => payloads.push(payload));
      const watch = watchKeys(store);
      const doc = await store.createDocument({ title: 'Announced' }, TESTER);
      await watch.waitFor([`Document:${doc.id}`]);
      payloads.length = 0;

      const announced: string[][] = [];
      const stop = store.onChange((keys) => announced.push(keys));
      // Announced as the update's promise settles: no later turn of the event loop is needed.
      const updated = await store.updateDocument(doc.id, { title: 'Announced, changed' });
      expect(announced).toEqual([[`Document:${doc.id}`]]);
      stop();

      watch.seen.clear();
      await store.db.query(`UPDATE documents SET title = 'In SQL' WHERE id = $1`, [doc.id]);
      await watch.waitFor([`Document:${doc.id}`]);
      await expect.poll(() => payloads.length).toBe(1);
      expect(payloads[0]).toContain('In SQL');
      expect(payloads.join()).not.toContain('Announced, changed');
      expect(updated.revision).toBe(doc.revision + 1);

      // A row's value, likewise: its keys and record, no NOTIFY; the totals still follow.
      const dataset = await store.createDataset('Announced rows', TESTER);
      const [row] = await store.upsertRows(dataset.id, [{ label: 'r', value: 1 }]);
      await watch.waitFor([`Row:${row!.id}`]);
      payloads.length = 0;
      const rowChanges: { keys: string[]; records?: ReadonlyMap<string, object> }[] = [];
      const stopRows = store.onChange((keys, records) => rowChanges.push({ keys, records }));
      const changed = await store.setRowValue(row!.id, 2.5);
      stopRows();
      expect(rowChanges).toEqual([{ keys: [`Row:${row!.id}`, `Dataset:${dataset.id}.summary`, `Dataset:${dataset.id}.rows(value)`], records: new Map([[`Row:${row!.id}`, changed]]) }]);
      expect((await store.summaryOf(dataset.id)).sum).toBe(2.5);
      await store.db.query('SELECT 1'); // a later statement: any notification of the write is delivered by now
      expect(payloads).toEqual([]);
      watch.stop();
      await unlisten();
    } finally {
      await store.close();
    }
  });
});
