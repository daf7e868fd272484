/** Watching the keys a store announces, with bounded waits. */
import type { Store } from '../../server/store/types.js';

/** Records the keys a store emits; `waitFor` resolves once all given keys were seen (bounded). */
export function watchKeys(store: Store) {
  const seen = new Set<string>();
  const batches: string[][] = [];
  let wake: (() => void) | undefined;
  const stop = store.onChange((keys) => {
    batches.push(keys);
    for (const key of keys) seen.add(key);
    wake?.();
  });
  return {
    seen,
    batches,
    stop,
    waitFor(expected: Iterable<string>, timeoutMs = 5_000): Promise<void> {
      const wanted = [...expected];
      const missing = () => wanted.filter((key) => !seen.has(key));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          wake = undefined;
          const gone = missing();
          reject(
            new Error(
              `Timed out after ${timeoutMs} ms waiting for ${gone.length} key(s), e.g. ${gone.slice(0, 5).join(', ')}; ` +
                `saw ${[...seen].slice(0, 20).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (missing().length > 0) return;
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
        wake = check;
        check();
      });
    },
  };
}
