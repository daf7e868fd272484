/**
 * The guard of a first page ordered by value (keyGuards.ts): of the value changes in its dataset
 * (server/keys/valueChanges.ts), only those of a row on the page, or to a value that reaches the
 * page's last one, can change it. Any other row was beyond the page before and stays beyond it; a
 * value change adds and removes no row, so `totalCount` and `hasNextPage` stay too. Ties count as
 * reaching (their order falls to the row's position). A later page, or a page holding the whole list,
 * is not guarded: what comes before it or after it moves with every change.
 */
import type { KeyGuard } from '../../live/keyGuards.js';
import { isValueChanges } from '../../keys/valueChanges.js';
import type { RowRecord } from '../../store/datasets/datasetTypes.js';
import type { Window } from '../../store/windows/windowTypes.js';

/** The guard of `window`, read with `descending` order from the start; undefined: not guarded. */
export function valueWindowGuard(window: Window<RowRecord, unknown>, descending: boolean): KeyGuard | undefined {
  const last = window.items.at(-1);
  if (!window.hasMore || !last) return undefined;
  const boundary = last.value;
  const ids = window.items.map((row) => row.id);
  return (detail) => {
    if (!isValueChanges(detail)) return true;
    for (const change of detail) {
      if (descending ? change.value >= boundary : change.value <= boundary) return true;
      if (ids.includes(change.id)) return true;
    }
    return false;
  };
}
