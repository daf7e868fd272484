/** Bounded waiting for tests: never a fixed sleep to prove something, always an event with a deadline. */

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves with the promise's value, or rejects after `timeoutMs` naming `what`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A queue of values pushed by callbacks and taken one at a time, each take bounded in time. */
export function createQueue<T>() {
  const items: T[] = [];
  const waiters: ((value: T) => void)[] = [];
  return {
    push(value: T) {
      const waiter = waiters.shift();
      if (waiter) waiter(value);
      else items.push(value);
    },
    take(timeoutMs = 5_000, what = 'the next value'): Promise<T> {
      const item = items.shift();
      if (item !== undefined) return Promise.resolve(item);
      return withTimeout(new Promise<T>((resolve) => waiters.push(resolve)), timeoutMs, what);
    },
    /** Values received and not yet taken. */
    get pending(): readonly T[] {
      return items;
    },
  };
}
