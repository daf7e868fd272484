/**
 * How large a window may be: the bounds of `first` per windowed field (`Type.field`), checked where
 * the argument enters and used by the result cost (a window counts as `first` items, at most these).
 * The schema's descriptions state the same bounds.
 */
import { userError } from '../errors.js';

/** The largest `first` of each windowed field. */
export const MAX_FIRST: Readonly<Record<string, number>> = {
  'Query.documents': 100,
  'Dataset.rows': 1000,
};

/** Returns `first` when it is an integer from 1 to the field's maximum; throws BAD_USER_INPUT otherwise. */
export function checkFirst(coordinate: string, first: number): number {
  const max = MAX_FIRST[coordinate];
  if (max === undefined) throw new Error(`checkFirst: ${coordinate} is not a windowed field`);
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw userError('BAD_USER_INPUT', `${coordinate}(first:) must be 1 to ${max}, but got ${first}.`);
  }
  return first;
}
