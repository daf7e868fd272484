/**
 * Recognises the echo of this instance's own messages on a pub/sub channel that delivers every
 * message to every subscriber, the publisher included: the instance has handled its own keys
 * already, when it published them.
 */

/** Own messages awaiting their echo. */
export interface EchoFilter {
  /** Notes a message about to be published. */
  expect(message: string): void;
  /** Forgets one expected copy of a message that was not published after all. */
  forget(message: string): void;
  /** True (and the copy is used up) when `message` is the echo of one of ours. */
  isEcho(message: string): boolean;
  /** Forgets everything (after a lost subscription, echoes may never come). */
  clear(): void;
}

/**
 * Creates a filter holding at most `maxPending` messages; past that it starts over, so an echo may
 * then be handled twice (a duplicate invalidation costs a re-run, never a wrong result).
 */
export function createEchoFilter(maxPending = 10_000): EchoFilter {
  const pending = new Map<string, number>();
  let size = 0;
  const take = (message: string): boolean => {
    const count = pending.get(message);
    if (count === undefined) return false;
    if (count === 1) pending.delete(message);
    else pending.set(message, count - 1);
    size--;
    return true;
  };
  return {
    expect(message) {
      if (size >= maxPending) {
        pending.clear();
        size = 0;
      }
      pending.set(message, (pending.get(message) ?? 0) + 1);
      size++;
    },
    forget: (message) => void take(message),
    isEcho: take,
    clear() {
      pending.clear();
      size = 0;
    },
  };
}
