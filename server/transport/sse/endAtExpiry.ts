/**
 * A stream lives no longer than its viewer's token: at `expiresAt` it ends without `complete`, as a
 * WebSocket whose token expires is closed (4403). The client reconnects with a fresh token; a stream
 * must not go on delivering what only a valid token may read.
 */
import type { EventStream } from './eventStream.js';

/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Ends `stream` at `expiresAt` (ms since the epoch); nothing for null (a token without expiry, or anonymous). */
export function endAtExpiry(stream: EventStream, expiresAt: number | null): void {
  if (expiresAt === null) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const delay = expiresAt - Date.now();
    if (delay <= 0) {
      stream.end();
      return;
    }
    timer = setTimeout(arm, Math.min(delay, MAX_DELAY_MS));
    timer.unref();
  };
  arm();
  if (!stream.ended) stream.releaseOnEnd(() => clearTimeout(timer));
}
