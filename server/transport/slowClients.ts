/**
 * Slow clients, for every transport: the connection's unsent bytes past a low watermark pause its
 * live queries (the engine keeps, per paused query, the state its client has: see
 * server/live/groupMembers.ts) instead of queueing more; once the connection drains they resume, each
 * with one patch to the latest state. A connection paused for longer than a timeout is dropped.
 */

/** Unsent bytes of a connection over which its live queries pause (256 KiB). */
export const DEFAULT_SLOW_CLIENT_WATERMARK_BYTES = 256 * 1024;

/** How long a connection may stay paused (not reading) before it is dropped (60 s). */
export const DEFAULT_SLOW_CLIENT_TIMEOUT_MS = 60_000;

/** The slow-client settings of a transport. */
export interface SlowClientOptions {
  /** Unsent bytes over which a connection's live queries pause. */
  readonly watermarkBytes: number;
  /** Paused this long without draining, the connection is dropped. */
  readonly timeoutMs: number;
}

/** The options with their defaults. */
export function slowClientOptions(options: Partial<SlowClientOptions> = {}): SlowClientOptions {
  return {
    watermarkBytes: options.watermarkBytes ?? DEFAULT_SLOW_CLIENT_WATERMARK_BYTES,
    timeoutMs: options.timeoutMs ?? DEFAULT_SLOW_CLIENT_TIMEOUT_MS,
  };
}

/** Something paused that can be resumed: a live query's sink. */
export interface Resumable {
  resume(): void;
}

/** One connection's paused live queries, its drain wait and its timeout. */
export interface ConnectionPause {
  /** Pauses `sink` until the connection drains; starts waiting for the drain and the timeout if not yet. */
  pause(sink: Resumable): void;
  /** Forgets `sink` (it ended while paused). */
  forget(sink: Resumable): void;
  /** True while some live query of the connection is paused. */
  readonly paused: boolean;
  /** The connection ended: forgets every sink and stops the timer (idempotent). */
  dispose(): void;
}

/**
 * Creates the pause state of one connection. `waitForDrain(done)` must call `done` once when what is
 * queued now has been handed to the operating system (or never, if it is not); `onTimeout` drops the
 * client. Resumed sinks that find the connection over the watermark again pause again.
 */
export function createConnectionPause(
  options: SlowClientOptions,
  waitForDrain: (done: () => void) => void,
  onTimeout: () => void,
): ConnectionPause {
  let sinks = new Set<Resumable>();
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const drained = () => {
    waiting = false;
    if (disposed) return;
    clearTimeout(timer);
    timer = undefined;
    const resumed = sinks;
    sinks = new Set(); // those that pause again land here, and wait for the next drain
    for (const sink of resumed) sink.resume();
  };

  return {
    pause(sink) {
      if (disposed) return;
      sinks.add(sink);
      timer ??= setTimeout(() => {
        if (!disposed) onTimeout();
      }, options.timeoutMs).unref();
      if (waiting) return;
      waiting = true;
      waitForDrain(drained);
    },
    forget(sink) {
      if (!sinks.delete(sink) || sinks.size > 0) return;
      clearTimeout(timer); // nothing paused is left to time out
      timer = undefined;
    },
    get paused() {
      return sinks.size > 0;
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      timer = undefined;
      sinks.clear();
    },
  };
}
