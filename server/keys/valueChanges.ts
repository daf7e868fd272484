/**
 * The detail an invalidation of an ordered field key (`Dataset:<id>.rows(value)`) may carry: the
 * items of that list whose value changed in the batch, with their new values. The invalidation layer
 * builds it from the committed records that came with the keys (server/invalidation/valueChangeDetails.ts);
 * a window ordered by value guards its read of the key with it (server/graphql/windows/valueWindowGuard.ts).
 * Without it (records missing, another instance's keys) every window of the list re-reads.
 */

/** One item whose ordering value changed, with its new value. */
export interface ValueChange {
  readonly id: string;
  readonly value: number;
}

/** The detail of an ordered field key: every change of the list's items in the batch (never empty). */
export type ValueChanges = readonly ValueChange[];

/** Whether `detail` has the shape of {@link ValueChanges} (guards check what they are handed). */
export function isValueChanges(detail: unknown): detail is ValueChanges {
  return Array.isArray(detail) && detail.length > 0;
}
