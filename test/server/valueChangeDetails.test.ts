/**
 * Value-change details for guarded window reads: given only when every changed row of a batch came
 * with its record, one list per dataset whose value-ordered key the batch names.
 */
import { describe, expect, it } from 'vitest';
import { valueChangeDetails } from '../../server/invalidation/valueChangeDetails.js';

const row = (id: string, datasetId: string, value: number) => ({ id, datasetId, label: id, value });

describe('valueChangeDetails', () => {
  it('lists the changed rows of each dataset under its value-ordered key', () => {
    const keys = ['Row:a', 'Row:b', 'Row:c', 'Dataset:d1.rows(value)', 'Dataset:d2.rows(value)', 'Dataset:d1.summary'];
    const records = new Map<string, object>([
      ['Row:a', row('a', 'd1', 1)],
      ['Row:b', row('b', 'd2', 2)],
      ['Row:c', row('c', 'd1', 3)],
    ]);
    expect(valueChangeDetails(keys, records)).toEqual(
      new Map([
        ['Dataset:d1.rows(value)', [{ id: 'a', value: 1 }, { id: 'c', value: 3 }]],
        ['Dataset:d2.rows(value)', [{ id: 'b', value: 2 }]],
      ]),
    );
  });

  it('gives none when a changed row came without its record (it could be any dataset’s)', () => {
    const keys = ['Row:a', 'Row:b', 'Dataset:d1.rows(value)'];
    expect(valueChangeDetails(keys, new Map([['Row:a', row('a', 'd1', 1)]]))).toBeUndefined();
    expect(valueChangeDetails(keys, new Map<string, object>([['Row:a', row('a', 'd1', 1)], ['Row:b', { id: 'b' }]]))).toBeUndefined();
    expect(valueChangeDetails(keys, undefined)).toBeUndefined();
  });

  it('gives none for a value-ordered key without a changed row of its dataset in the batch', () => {
    const keys = ['Row:a', 'Dataset:d1.rows(value)', 'Dataset:d2.rows(value)'];
    const details = valueChangeDetails(keys, new Map([['Row:a', row('a', 'd1', 1)]]));
    expect(details?.has('Dataset:d2.rows(value)')).toBe(false);
    expect(details?.get('Dataset:d1.rows(value)')).toEqual([{ id: 'a', value: 1 }]);
  });
});
