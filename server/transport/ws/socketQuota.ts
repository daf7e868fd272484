/**
 * Sockets per client: at most `max` open sockets per key (`viewer:<id>`, or `address:<ip>` for
 * anonymous clients; clientKey.ts). A socket is counted once its viewer is known (at
 * `connection_init`), and released when it closes; the one over the quota is closed with 4029.
 */
import type { WebSocket } from 'ws';
import { CLOSE_TOO_MANY_SOCKETS } from '../../../wire/closeCodes.js';

/** Open sockets per key. */
export interface SocketQuota {
  /** Counts one socket for `key`; returns its release (idempotent), or undefined when `key` is at the quota. */
  acquire(key: string): (() => void) | undefined;
  /** Sockets counted for `key`. */
  count(key: string): number;
}

/** Creates a quota of `max` sockets per key; keys without sockets take no memory. */
export function createSocketQuota(max: number): SocketQuota {
  const counts = new Map<string, number>();
  return {
    acquire(key) {
      const count = counts.get(key) ?? 0;
      if (count >= max) return undefined;
      counts.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left > 0) counts.set(key, left);
        else counts.delete(key);
      };
    },
    count: (key) => counts.get(key) ?? 0,
  };
}

/** `quota`, calling `onRefused` each time it refuses a key at its quota. */
export function countRefusals(quota: SocketQuota, onRefused: () => void): SocketQuota {
  return {
    acquire(key) {
      const release = quota.acquire(key);
      if (!release) onRefused();
      return release;
    },
    count: (key) => quota.count(key),
  };
}

/**
 * Admits `socket` for `key`: true when it is within the quota (released when the socket closes),
 * else false after closing it with 4029. A socket is admitted at most once (a later call is true).
 */
export function admitSocket(socket: WebSocket, quota: SocketQuota): (key: string) => boolean {
  let admitted = false;
  return (key) => {
    if (admitted) return true;
    const release = quota.acquire(key);
    if (!release) {
      socket.close(CLOSE_TOO_MANY_SOCKETS, 'Too many sockets');
      return false;
    }
    admitted = true;
    socket.once('close', release);
    // Closed before admission was decided: release at once (the close event already fired).
    if (socket.readyState === socket.CLOSED) release();
    return true;
  };
}
