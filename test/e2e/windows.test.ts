/**
 * Live windows over lists, over real sockets: keyed patches as rows enter, leave or move in a window;
 * nothing (and no re-execution) for a change outside it that cannot affect it; only the totals for one
 * that changes what the window shows about the list; cursors that page and survive deletion; and
 * `first`/`after` checked with errors saying what was expected and what arrived.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue, LivePatchResult } from '../../server/live/liveResult.js';
import { http, mutate } from '../support/clients.js';
import { createLiveTracker } from '../support/liveTracker.js';
import { converge } from '../support/converge.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { waitFor } from '../support/waitFor.js';

let t: TestServer;
const tracker = createLiveTracker(() => t.server.wsUrl);
const { live } = tracker;

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  await tracker.release();
  await waitFor(() => t.server.engine.stats().groups === 0, 3_000, 'all live groups released');
});

/** A dataset whose rows r0…r<n-1> have values 0…n-1; returns its id and row ids in order. */
async function dataset(n: number): Promise<{ id: string; rows: string[] }> {
  const created = await mutate(t.server.httpUrl, 'mutation { createDataset(name: "W") { id } }');
  const id = (created.createDataset as { id: string }).id;
  const rows = Array.from({ length: n }, (_, i) => ({ label: `r${i}`, value: i }));
  const upserted = await mutate(t.server.httpUrl, 'mutation($d: ID!, $rows: [RowInput!]!) { upsertRows(datasetId: $d, rows: $rows) { id } }', { d: id, rows });
  return { id, rows: (upserted.upsertRows as { id: string }[]).map((r) => r.id) };
}

const setValue = (id: string, value: number) => mutate(t.server.httpUrl, 'mutation($id: ID!, $v: Float!) { setRowValue(id: $id, value: $v) { id } }', { id, v: value });

const WINDOW = `query($id: ID!, $first: Int!, $after: String, $order: RowOrder!) @live {
  dataset(id: $id) { rows(first: $first, after: $after, orderBy: $order) { nodes { id value } pageInfo { hasNextPage } totalCount } }
}`;

describe('live windows', () => {
  it('a value change that moves a row into a top-3 is one remove and one add', async () => {
    const ds = await dataset(10);
    const s = live(WINDOW, { id: ds.id, first: 3, order: 'VALUE_DESC' });
    await s.next();
    await setValue(ds.rows[1]!, 100);
    const patch = (await s.next()) as LivePatchResult;
    expect(patch.patch).toEqual([
      { op: 'remove', path: '/dataset/rows/nodes/2' },
      { op: 'add', path: '/dataset/rows/nodes/0', value: { id: ds.rows[1], value: 100 } },
    ]);
    // A move inside the window is one move and the changed value.
    await setValue(ds.rows[8]!, 1000);
    const moved = (await s.next()) as LivePatchResult;
    expect(moved.patch).toEqual([
      { op: 'move', from: '/dataset/rows/nodes/2', path: '/dataset/rows/nodes/0' },
      { op: 'replace', path: '/dataset/rows/nodes/0/value', value: 1000 },
    ]);
    expect(s.state).toEqual({
      dataset: { rows: { nodes: [{ id: ds.rows[8], value: 1000 }, { id: ds.rows[1], value: 100 }, { id: ds.rows[9], value: 9 }], pageInfo: { hasNextPage: true }, totalCount: 10 } },
    });
  });

  it('a row moving in a window ordered by value while its dataset changes too (one batch) moves', async () => {
    const ds = await dataset(10);
    const query = 'query($id: ID!) @live { dataset(id: $id) { name rows(first: 3, orderBy: VALUE_DESC) { nodes { id value } } } }';
    const s = live(query, { id: ds.id });
    await s.next();
    await t.store.db.transaction(async (tx) => {
      await tx.query('UPDATE datasets SET name = $2 WHERE id = $1', [ds.id, 'Renamed']);
      await tx.query('UPDATE rows SET value = 100 WHERE id = $1', [ds.rows[7]]);
    });
    await converge(s, async () => (await http(t.server.httpUrl, query.replace(' @live', ''), { id: ds.id })).body.data as JsonValue);
    expect(s.state).toEqual({ dataset: { name: 'Renamed', rows: { nodes: [100, 9, 8].map((value) => ({ id: ds.rows[value === 100 ? 7 : value], value })) } } });
  });

  it('a change outside a window ordered by position sends nothing and does not re-execute it', async () => {
    const ds = await dataset(10);
    const s = live(WINDOW, { id: ds.id, first: 3, order: 'POSITION_ASC' });
    // A witness that hears every value change of the dataset: once it has its patch, the change was processed.
    const witness = live('query($id: ID!) @live { dataset(id: $id) { summary { sum } } }', { id: ds.id });
    await Promise.all([s.next(), witness.next()]);
    const before = t.server.engine.stats().executions;
    await setValue(ds.rows[7]!, 70);
    await witness.next();
    expect(t.server.engine.stats().executions).toBe(before + 1);
    // The next message of the window is the next change inside it, at the next revision.
    await setValue(ds.rows[0]!, -1);
    const inside = (await s.next()) as LivePatchResult;
    expect(inside.revision).toBe(2);
    expect(inside.patch).toEqual([{ op: 'replace', path: '/dataset/rows/nodes/0/value', value: -1 }]);
  });

  it('a value change outside a window ordered by value that leaves it as it was sends nothing', async () => {
    const ds = await dataset(10);
    const s = live(WINDOW, { id: ds.id, first: 3, order: 'VALUE_DESC' });
    await s.next();
    await setValue(ds.rows[2]!, 3.5);
    await setValue(ds.rows[9]!, 90);
    const next = (await s.next()) as LivePatchResult;
    expect(next.revision).toBe(2);
    expect(next.patch).toEqual([{ op: 'replace', path: '/dataset/rows/nodes/0/value', value: 90 }]);
  });

  it('a value change that cannot reach a first page by value does not re-execute it; one that can does', async () => {
    const ds = await dataset(10);
    const top = live(WINDOW, { id: ds.id, first: 3, order: 'VALUE_DESC' });
    const bottom = live(WINDOW, { id: ds.id, first: 3, order: 'VALUE_ASC' });
    const witness = live('query($id: ID!) @live { dataset(id: $id) { summary { sum } } }', { id: ds.id });
    await Promise.all([top.next(), bottom.next(), witness.next()]);
    // 4 → 5.5: below the top 3 (boundary 7) and above the bottom 3 (boundary 2): only the witness runs.
    let before = t.server.engine.stats().executions;
    await setValue(ds.rows[4]!, 5.5);
    await witness.next();
    expect(t.server.engine.stats().executions).toBe(before + 1);
    // A row of the bottom 3 moving up, still under the top's boundary: the bottom window alone re-reads.
    before = t.server.engine.stats().executions;
    await setValue(ds.rows[1]!, 6);
    await witness.next();
    const moved = (await bottom.next()) as LivePatchResult;
    expect(moved.revision).toBe(2);
    expect(t.server.engine.stats().executions).toBe(before + 2);
    // Reaching the top's boundary: the top window re-reads and the row enters.
    await setValue(ds.rows[5]!, 50);
    const entered = (await top.next()) as LivePatchResult;
    expect(entered.revision).toBe(2);
    expect(top.state).toEqual({
      dataset: { rows: { nodes: [{ id: ds.rows[5], value: 50 }, { id: ds.rows[9], value: 9 }, { id: ds.rows[8], value: 8 }], pageInfo: { hasNextPage: true }, totalCount: 10 } },
    });
  });

  it('a row joining or leaving the list outside the window changes only the totals it shows', async () => {
    const ds = await dataset(4);
    const s = live(WINDOW, { id: ds.id, first: 3, order: 'POSITION_ASC' });
    await s.next();
    await mutate(t.server.httpUrl, 'mutation($d: ID!) { upsertRows(datasetId: $d, rows: [{ label: "new", value: 5 }]) { id } }', { d: ds.id });
    expect(((await s.next()) as LivePatchResult).patch).toEqual([{ op: 'replace', path: '/dataset/rows/totalCount', value: 5 }]);
    await mutate(t.server.httpUrl, 'mutation($ids: [ID!]!) { deleteRows(ids: $ids) }', { ids: [ds.rows[3]] });
    expect(((await s.next()) as LivePatchResult).patch).toEqual([{ op: 'replace', path: '/dataset/rows/totalCount', value: 4 }]);
  });

  it('pages with endCursor, and a cursor stays valid when its row is deleted', async () => {
    const ds = await dataset(7);
    const page = `query($id: ID!, $after: String, $order: RowOrder!) { dataset(id: $id) {
      rows(first: 3, after: $after, orderBy: $order) { nodes { id } pageInfo { endCursor hasNextPage } } } }`;
    type Page = { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    const read = async (after: string | null, order = 'POSITION_ASC') =>
      ((await http(t.server.httpUrl, page, { id: ds.id, after, order })).body.data?.dataset as { rows: Page }).rows;
    const first = await read(null);
    const second = await read(first.pageInfo.endCursor);
    const third = await read(second.pageInfo.endCursor);
    expect([...first.nodes, ...second.nodes, ...third.nodes].map((r) => r.id)).toEqual(ds.rows);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage, third.pageInfo.hasNextPage]).toEqual([true, true, false]);
    await mutate(t.server.httpUrl, 'mutation($ids: [ID!]!) { deleteRows(ids: $ids) }', { ids: [ds.rows[2]] });
    expect((await read(first.pageInfo.endCursor)).nodes.map((r) => r.id)).toEqual(ds.rows.slice(3, 6));
    const down = await read(null, 'VALUE_DESC');
    expect((await read(down.pageInfo.endCursor, 'VALUE_DESC')).nodes.map((r) => r.id)).toEqual([ds.rows[3], ds.rows[1], ds.rows[0]]);
  });
});

describe('window arguments', () => {
  const error = async (query: string, variables?: Record<string, unknown>) => {
    const { body } = await http(t.server.httpUrl, query, variables);
    return { message: body.errors?.[0]?.message, code: body.errors?.[0]?.extensions?.code };
  };

  it('first must be within its bounds', async () => {
    const ds = await dataset(1);
    const rows = (first: number) => error(`{ dataset(id: "${ds.id}") { rows(first: ${first}) { totalCount } } }`);
    expect(await rows(0)).toEqual({ code: 'BAD_USER_INPUT', message: 'Dataset.rows(first:) must be 1 to 1000, but got 0.' });
    expect(await rows(1001)).toEqual({ code: 'BAD_USER_INPUT', message: 'Dataset.rows(first:) must be 1 to 1000, but got 1001.' });
    expect(await error('{ documents(first: -1) { totalCount } }')).toEqual({ code: 'BAD_USER_INPUT', message: 'Query.documents(first:) must be 1 to 100, but got -1.' });
    expect((await error('{ documents(first: null) { totalCount } }')).message).toBe('Expected value of type "Int!", found null.');
  });

  it('a cursor that is not one, or is from another list or order, is a clear error', async () => {
    const ds = await dataset(3);
    const rows = `query($after: String, $order: RowOrder!) { dataset(id: "${ds.id}") { rows(first: 1, after: $after, orderBy: $order) { pageInfo { endCursor } } } }`;
    const cursorOf = async (order: string) =>
      ((await http(t.server.httpUrl, rows, { order })).body.data?.dataset as { rows: { pageInfo: { endCursor: string } } }).rows.pageInfo.endCursor;
    const byPosition = await cursorOf('POSITION_ASC');
    expect(await error(rows, { after: 'not a cursor!', order: 'POSITION_ASC' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'after: expected a pageInfo.endCursor of rows(orderBy: POSITION_ASC), but got "not a cursor!".',
    });
    expect(await error(rows, { after: byPosition, order: 'VALUE_DESC' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: `after: expected a pageInfo.endCursor of rows(orderBy: VALUE_DESC); this cursor is from rows(orderBy: POSITION_ASC), but got ${JSON.stringify(byPosition)}.`,
    });
    expect((await error('query($a: String) { documents(after: $a) { totalCount } }', { a: byPosition })).message).toMatch(
      /^after: expected a pageInfo\.endCursor of documents; this cursor is from Dataset\.rows, but got/,
    );
    const forged = Buffer.from(JSON.stringify(['rows', 'VALUE_ASC', '1', 'NaN'])).toString('base64url');
    expect((await error(rows, { after: forged, order: 'VALUE_ASC' })).code).toBe('BAD_USER_INPUT');
  });
});
