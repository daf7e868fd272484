/**
 * A ring buffer of the last `capacity` values: pushing past it overwrites the oldest, so what a
 * long-running server keeps stays bounded whatever its uptime.
 */

/** The last values pushed, oldest first. */
export interface SampleRing<T> {
  push(value: T): void;
  /** A copy of the values, oldest first. */
  toArray(): T[];
  readonly size: number;
}

/** Creates an empty ring of `capacity` values; throws on a capacity that is not a positive integer. */
export function createSampleRing<T>(capacity: number): SampleRing<T> {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new RangeError(`A sample ring expects a positive integer capacity, but got ${capacity}.`);
  }
  const slots = new Array<T | undefined>(capacity);
  // The next slot written; with `size === capacity` also the oldest value.
  let next = 0;
  let size = 0;
  return {
    push(value) {
      slots[next] = value;
      next = (next + 1) % capacity;
      if (size < capacity) size++;
    },
    toArray() {
      const values = new Array<T>(size);
      const start = (next - size + capacity) % capacity;
      for (let i = 0; i < size; i++) values[i] = slots[(start + i) % capacity] as T;
      return values;
    },
    get size() {
      return size;
    },
  };
}
