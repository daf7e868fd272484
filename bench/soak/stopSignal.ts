/** A stop flag for the soak's loops, with a sleep that ends early when it is raised. */

/** The flag. */
export interface StopSignal {
  /** A method, not a property: loops read it again after every await. */
  isStopped(): boolean;
  /** Raises it: every pending {@link StopSignal.sleep} resolves now. */
  stop(): void;
  /** Resolves after `ms`, or at once when stopped. */
  sleep(ms: number): Promise<void>;
}

/** Creates a lowered flag. */
export function createStopSignal(): StopSignal {
  let stopped = false;
  const sleepers = new Set<() => void>();
  return {
    isStopped: () => stopped,
    stop() {
      stopped = true;
      for (const wake of [...sleepers]) wake();
    },
    sleep(ms) {
      if (stopped) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        sleepers.add(wake);
      });
    },
  };
}
