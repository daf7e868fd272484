/**
 * Estimates of list sizes for the result cost (resultCost.ts): per list field (`Type.field`), the
 * largest length it has returned since the server started, and never less than a floor for lists not
 * seen yet (or seen short). Learned from executions (meterResults.ts) rather than counted in the store:
 * free, the same for every list field, and an upper bound across viewers and arguments — an
 * over-estimate refuses a costly query early, which is the safe side.
 */

/** Default floor: a list not seen yet counts as this many items. */
export const DEFAULT_LIST_SIZE = 10;

/** The estimates of one server. */
export interface ListSizes {
  /** Records that list field `coordinate` returned `length` items. */
  observe(coordinate: string, length: number): void;
  /** The estimated size of list field `coordinate`: the largest seen, at least the floor. */
  estimate(coordinate: string): number;
}

/** Creates estimates with `floor` for lists not seen (or seen shorter). */
export function createListSizes(floor = DEFAULT_LIST_SIZE): ListSizes {
  const largest = new Map<string, number>();
  return {
    observe(coordinate, length) {
      if (length > (largest.get(coordinate) ?? floor)) largest.set(coordinate, length);
    },
    estimate: (coordinate) => largest.get(coordinate) ?? floor,
  };
}
