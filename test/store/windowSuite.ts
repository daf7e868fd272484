/**
 * Windows in the store, for every driver (called by storeSuite.ts): paging a dataset's rows in each
 * order, and the documents a viewer may read, gives exactly the list sorted in full, window by window,
 * also across positions whose decimal digits differ in number (a text order would differ there).
 */
import { expect, it } from 'vitest';
import type { RowOrder, RowRecord, RowSortKey } from '../../server/store/types.js';
import type { AccessHarness } from './accessSuite.js';

const ORDERS: readonly RowOrder[] = ['POSITION_ASC', 'POSITION_DESC', 'VALUE_ASC', 'VALUE_DESC'];

/** Positions of 1 to 14 digits, far above any the tests reach, each row's value one of three. */
const SEQS = [7, 42, 99, 100, 101, 999, 1_000, 65_536, 999_999, 1_000_000, 99_999_999_999_999].map((s) => s + 20_000_000_000_000);

function sorted(rows: readonly (RowRecord & { seq: number })[], order: RowOrder): string[] {
  const byPosition = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
  const list = [...rows].sort(order.startsWith('VALUE') ? (a, b) => a.value - b.value || byPosition(a, b) : byPosition);
  if (order.endsWith('DESC')) list.reverse();
  return list.map((r) => r.id);
}

/** Registers the window tests; `get` is called inside each test (after the suite's beforeAll). */
export function describeWindows(get: () => AccessHarness) {
  it('pages a dataset’s rows in every order exactly as sorting them all would', async () => {
    const { store, sql } = get();
    const dataset = await store.createDataset('Windows', 'ann');
    await sql(
      `INSERT INTO rows (id, dataset_id, label, value, seq) OVERRIDING SYSTEM VALUE
       SELECT $1 || ':' || s, $1, 'row', (s % 3)::float8, s FROM unnest($2::bigint[]) s`,
      [dataset.id, SEQS],
    );
    const rows = SEQS.map((seq) => ({ id: `${dataset.id}:${seq}`, datasetId: dataset.id, label: 'row', value: seq % 3, seq }));
    expect(await store.rowCountOf(dataset.id)).toBe(SEQS.length);
    for (const order of ORDERS) {
      const paged: string[] = [];
      let after: RowSortKey | null = null;
      for (let windows = 0; windows < SEQS.length; windows++) {
        const window = await store.rowWindow(dataset.id, order, { first: 3, after });
        paged.push(...window.items.map((r) => r.id));
        expect(window.items.length).toBe(window.hasMore ? 3 : window.items.length);
        if (!window.hasMore) break;
        after = window.end;
      }
      expect({ order, paged }).toEqual({ order, paged: sorted(rows, order) });
    }
    expect(await store.rowWindow('no-such-dataset', 'VALUE_DESC', { first: 3, after: null })).toEqual({ items: [], end: null, hasMore: false });
  });

  it('pages the documents a viewer may read, newest first, and counts them', async () => {
    const { store, sql } = get();
    const tag = `windows-${Date.now()}`;
    const ids: string[] = [];
    for (const [i, seq] of SEQS.entries()) {
      const id = `${tag}-${i}`;
      await sql(
        `INSERT INTO documents (id, title, tags, owner, visibility, seq) OVERRIDING SYSTEM VALUE VALUES ($1, 'doc', ARRAY[$2], 'ann', $3, $4)`,
        [id, tag, i % 4 === 0 ? 'PUBLIC' : 'PRIVATE', seq],
      );
      ids.push(id);
    }
    const newestFirst = [...ids].reverse();
    for (const [viewer, expected] of [
      ['ann', newestFirst],
      ['bob', newestFirst.filter((id) => Number(id.slice(tag.length + 1)) % 4 === 0)],
    ] as const) {
      const paged: string[] = [];
      let window = await store.documentWindow(tag, viewer, { first: 2, after: null });
      paged.push(...window.items.map((d) => d.id));
      while (window.hasMore && window.end) {
        window = await store.documentWindow(tag, viewer, { first: 2, after: window.end });
        paged.push(...window.items.map((d) => d.id));
      }
      expect(paged).toEqual(expected);
      expect(await store.countDocuments(tag, viewer)).toBe(expected.length);
    }
  });
}
