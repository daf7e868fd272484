/**
 * Whom a per-client limit counts: the viewer when signed in, else the client's address. One key for
 * the socket quota and the mutation rate, so both count the same client.
 */
import type { IncomingMessage } from 'node:http';
import type { Viewer } from '../graphql/viewer.js';

/** `viewer:<id>` for a signed-in viewer, else `address:<ip>` (behind a proxy: the proxy's). */
export function clientKey(viewer: Viewer, req: Pick<IncomingMessage, 'socket'> | undefined): string {
  if (viewer.id !== null) return `viewer:${viewer.id}`;
  return `address:${req?.socket.remoteAddress ?? 'unknown'}`;
}
