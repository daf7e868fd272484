/** The records carried by the change feed: parsing untrusted payloads, the cache's rules, the loader. */
import { describe, expect, it } from 'vitest';
import { createObjectLoader } from '../../server/invalidation/loadObject.js';
import { createRecentRecords } from '../../server/invalidation/recentRecords.js';
import { parseChangePayload as parseWith } from '../../server/store/changeFeed/changePayload.js';
import { RECORD_READERS } from '../../server/store/recordReaders.js';
import type { DocumentRecord, Store } from '../../server/store/types.js';

const doc = (revision: number): DocumentRecord => ({
  id: 'd1',
  title: `rev ${revision}`,
  body: '',
  tags: [],
  revision,
  updatedAt: '2026-11-26T00:00:00.000Z',
  owner: 'ann',
  visibility: 'PRIVATE',
});

/** A document as the change trigger sends it: the committed row, `to_jsonb(documents)`. */
const docRow = (revision: number) => {
  const { updatedAt, ...rest } = doc(revision);
  return { ...rest, seq: 1, updated_at: updatedAt.replace('Z', '+00:00') };
};
const parseChangePayload = (payload: string) => parseWith(payload, RECORD_READERS);

describe('parseChangePayload', () => {
  it('reads a key list or keys with records, deduplicated', () => {
    expect(parseChangePayload('["A:1","A:1","B:2"]')).toEqual({ keys: ['A:1', 'B:2'], records: undefined });
    const parsed = parseChangePayload(JSON.stringify({ keys: ['Document:d1', 'Query.documents'], records: { 'Document:d1': docRow(2) } }));
    expect(parsed?.keys).toEqual(['Document:d1', 'Query.documents']);
    expect(parsed?.records?.get('Document:d1')).toEqual(doc(2));
  });

  it('drops records that do not fit the shape of their type, or name keys not in the list', () => {
    const parsed = parseChangePayload(
      JSON.stringify({
        keys: ['Document:d1', 'Row:r1', 'Section:s1'],
        records: {
          'Document:d1': { ...docRow(2), revision: 'two' },
          'Row:r1': { id: 'r1', dataset_id: 'x', label: 'l', value: 'NaN' },
          'Section:s1': { id: 's1' },
          'Document:d9': docRow(1),
        },
      }),
    );
    expect(parsed).toEqual({ keys: ['Document:d1', 'Row:r1', 'Section:s1'], records: undefined });
  });

  it('rejects what is neither form', () => {
    for (const payload of ['not json', '{"keys": "A:1"}', '{"records": {}}', '42', '{']) expect(parseChangePayload(payload)).toBeNull();
  });
});

describe('recent records', () => {
  it('keeps the record of the latest invalidation of a key, and forgets it on one without', () => {
    const recent = createRecentRecords();
    recent.observe(['Document:d1'], new Map([['Document:d1', doc(2)]]));
    expect(recent.get('Document:d1')).toEqual(doc(2));
    recent.observe(['Document:d1'], new Map([['Document:d1', doc(3)]]));
    expect(recent.get('Document:d1')).toEqual(doc(3));
    recent.observe(['Document:d1']); // e.g. over a bus that carries keys only
    expect(recent.get('Document:d1')).toBeUndefined();
  });

  it('forgets everything on "*", and keeps at most its capacity', () => {
    const recent = createRecentRecords({ maxEntries: 2 });
    for (let i = 1; i <= 3; i++) recent.observe([`Document:d${i}`], new Map([[`Document:d${i}`, doc(i)]]));
    expect(recent.get('Document:d1')).toBeUndefined();
    expect(recent.get('Document:d3')).toEqual(doc(3));
    recent.observe(['*']);
    expect(recent.get('Document:d3')).toBeUndefined();
  });

  it('lets the object loader skip the store for a carried record, and only then', async () => {
    let reads = 0;
    const store: Pick<Store, 'objectLoaders'> = {
      objectLoaders: {
        Document: (ids) => {
          reads++;
          return Promise.resolve(ids.map(() => doc(1)));
        },
      },
    };
    const recent = createRecentRecords();
    const load = createObjectLoader(store, recent);
    recent.observe(['Document:d1'], new Map([['Document:d1', doc(5)]]));
    expect(await load('Document', 'd1', {})).toEqual(doc(5));
    expect(reads).toBe(0);
    recent.observe(['Document:d1']);
    expect(await load('Document', 'd1', {})).toEqual(doc(1));
    expect(reads).toBe(1);
    // Loads of the same tick share one read.
    await Promise.all([load('Document', 'd1', {}), load('Document', 'd2', {}), load('Document', 'd3', {})]);
    expect(reads).toBe(2);
  });
});
