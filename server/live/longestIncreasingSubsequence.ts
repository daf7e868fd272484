/**
 * Indices into `values` of one longest strictly increasing subsequence, in ascending order.
 * O(n log n) patience sorting.
 */
export function longestIncreasingSubsequence(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: index of the smallest tail of an increasing run of length k+1
  const previous = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] as number] as number) < value) low = mid + 1;
      else high = mid;
    }
    previous[i] = low > 0 ? (tails[low - 1] as number) : -1;
    tails[low] = i;
  }
  const result = new Array<number>(tails.length);
  let k = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
  for (let n = tails.length - 1; n >= 0; n--) {
    result[n] = k;
    k = previous[k] as number;
  }
  return result;
}
