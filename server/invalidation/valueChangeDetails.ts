/**
 * Details for the value-ordered keys of a batch (server/keys/valueChanges.ts): for each
 * `Dataset:<id>.rows(value)`, the rows of that dataset the batch changed, with their committed values.
 * Only when every changed row of the batch came with its record: a row without one could be any
 * dataset's, so then no key gets a detail and every window re-reads, as without guards.
 */
import { objectKey, orderedFieldKey } from '../keys/resourceKeys.js';
import type { ValueChange } from '../keys/valueChanges.js';
import { DATASET_TYPE, ROW_TYPE } from '../store/datasets/rowRecord.js';

const ROW_PREFIX = objectKey(ROW_TYPE, '');

/** The details of `keys`, or undefined when none can be given. */
export function valueChangeDetails(
  keys: readonly string[],
  records: ReadonlyMap<string, object> | undefined,
): Map<string, ValueChange[]> | undefined {
  if (!records || records.size === 0) return undefined;
  let byDataset: Map<string, ValueChange[]> | undefined;
  for (const key of keys) {
    if (!key.startsWith(ROW_PREFIX)) continue;
    const record = records.get(key);
    if (!isRow(record)) return undefined;
    const list = (byDataset ??= new Map<string, ValueChange[]>()).get(record.datasetId);
    if (list) list.push({ id: record.id, value: record.value });
    else byDataset.set(record.datasetId, [{ id: record.id, value: record.value }]);
  }
  if (!byDataset) return undefined;
  const details = new Map<string, ValueChange[]>();
  for (const [dataset, changes] of byDataset) {
    const key = orderedFieldKey(DATASET_TYPE, dataset, 'rows', 'value');
    if (keys.includes(key)) details.set(key, changes);
  }
  return details.size > 0 ? details : undefined;
}

function isRow(record: object | undefined): record is { id: string; datasetId: string; value: number } {
  if (!record) return false;
  const { id, datasetId, value } = record as Record<string, unknown>;
  return typeof id === 'string' && typeof datasetId === 'string' && typeof value === 'number';
}
