/** Short ids of connections for structured logs: a log line of a socket or stream names it as `conn`. */

/** Differs between processes, so ids from several instances in one log store rarely collide. */
const PROCESS = Math.floor(Math.random() * 36 ** 3).toString(36).padStart(3, '0');
let next = 0;

/** A new id, e.g. `ws-k3f-1a` (transport, process, a counter in base 36). */
export function connectionId(transport: 'ws' | 'sse'): string {
  next++;
  return `${transport}-${PROCESS}-${next.toString(36)}`;
}
