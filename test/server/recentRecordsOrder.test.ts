/**
 * Records from two sources ordered differently: the change feed (commit order) and the bus (each
 * instance after its own commits). A record that may predate a change already seen is never kept.
 */
import { describe, expect, it } from 'vitest';
import { createRecentRecords, REORDER_WINDOW_MS } from '../../server/invalidation/recentRecords.js';

const KEY = 'Document:d1';
const doc = (revision: number) => ({ id: 'd1', title: `rev ${revision}`, revision });
const row = (value: number) => ({ id: 'r1', value });
const carrying = (record: object) => new Map([[KEY, record]]);

describe('recent records from the bus', () => {
  it('keeps a versioned record, and ignores an older one arriving after a newer one', () => {
    const recent = createRecentRecords();
    recent.observe([KEY], carrying(doc(3)), 'bus');
    expect(recent.get(KEY)).toEqual(doc(3));
    recent.observe([KEY], carrying(doc(2)), 'bus');
    expect(recent.get(KEY)).toEqual(doc(3));
    // The feed's record is older too (another writer's, delivered late relative to Redis).
    recent.observe([KEY], carrying(doc(1)), 'feed');
    expect(recent.get(KEY)).toEqual(doc(3));
    recent.observe([KEY], carrying(doc(4)), 'feed');
    expect(recent.get(KEY)).toEqual(doc(4));
  });

  it('remembers the newest version after the entry is dropped', () => {
    let now = 1_000;
    const recent = createRecentRecords({ now: () => now });
    recent.observe([KEY], carrying(doc(5)), 'feed');
    recent.observe(['*']);
    // After "*" every key changed in an unknown way: bus records wait out the window, feed ones do not.
    recent.observe([KEY], carrying(doc(6)), 'bus');
    expect(recent.get(KEY)).toBeUndefined();
    recent.observe([KEY], carrying(doc(6)), 'feed');
    expect(recent.get(KEY)).toEqual(doc(6));
    now += REORDER_WINDOW_MS + 1;
    recent.observe(['Query.documents', KEY], new Map([[KEY, doc(4)]]), 'bus');
    expect(recent.get(KEY)).toEqual(doc(6));
    recent.clear();
    recent.observe([KEY], carrying(doc(7)), 'bus');
    expect(recent.get(KEY)).toBeUndefined();
  });

  it('never keeps a bus record without a version', () => {
    const recent = createRecentRecords();
    recent.observe(['Row:r1'], new Map([['Row:r1', row(1)]]), 'bus');
    expect(recent.get('Row:r1')).toBeUndefined();
    recent.observe(['Row:r1'], new Map([['Row:r1', row(2)]]), 'feed');
    expect(recent.get('Row:r1')).toEqual(row(2));
  });

  it('keeps no record that may predate a change that came without one, until the window has passed', () => {
    let now = 1_000;
    const recent = createRecentRecords({ now: () => now });
    recent.observe([KEY], carrying(doc(1)), 'bus');
    // A change too large to carry its record, by NOTIFY: its revision is unknown here.
    recent.observe([KEY], undefined, 'feed');
    expect(recent.get(KEY)).toBeUndefined();
    // A bus record of revision 2 may be older than that change (e.g. 3): not kept, read back instead.
    recent.observe([KEY], carrying(doc(2)), 'bus');
    expect(recent.get(KEY)).toBeUndefined();
    now += REORDER_WINDOW_MS + 1;
    recent.observe([KEY], carrying(doc(4)), 'bus');
    expect(recent.get(KEY)).toEqual(doc(4));
  });

  it('orders the feed after the feed, not after the bus', () => {
    const recent = createRecentRecords();
    recent.observe([KEY], undefined, 'feed');
    recent.observe([KEY], carrying(doc(2)), 'feed');
    expect(recent.get(KEY)).toEqual(doc(2));
    recent.observe([KEY], undefined, 'bus');
    recent.observe([KEY], carrying(doc(3)), 'feed');
    expect(recent.get(KEY)).toBeUndefined();
  });
});
