/** Milliseconds since the epoch, sub-millisecond, comparable between processes on one machine. */
export const epochMs = (): number => performance.timeOrigin + performance.now();
