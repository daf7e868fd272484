/**
 * The UTF-8 size of live updates, for the bytes-sent metric, without measuring the shared body once
 * per member: every member of a group is sent the same update in one loop, so a one-entry cache
 * measures each update once.
 */
import type { LiveUpdate } from '../live/liveResult.js';

let lastUpdate: LiveUpdate | undefined;
let lastExtra = 0;

/**
 * UTF-8 bytes of a message that is `written` (a string holding `update.body` once plus ASCII framing
 * and `ascii`-only parts): its length plus what the body's non-ASCII characters add in UTF-8.
 */
export function writtenBytes(written: string, update: LiveUpdate): number {
  if (update !== lastUpdate) {
    lastUpdate = update;
    lastExtra = Buffer.byteLength(update.body) - update.body.length;
  }
  return written.length + lastExtra;
}
