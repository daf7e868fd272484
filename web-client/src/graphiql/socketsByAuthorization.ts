/**
 * GraphiQL's live queries go over graphql-ws, where the token travels once per connection, in
 * `connection_init`'s payload, not per request: so the fetcher keeps one socket per Authorization
 * value of the headers editor (sockets are lazy: connected only while an operation runs). The oldest
 * of more than a few is disposed, ending its operations.
 */
import type { LiveSocket } from '../../../client/index.js';

/** How many sockets (distinct Authorization values) are kept. */
const MAX_SOCKETS = 4;

/** Makes a socket whose `connection_init` carries `payload`. */
export type SocketFactory = (payload: { authorization: string } | undefined) => LiveSocket;

/** Returns the socket for an Authorization value (undefined: anonymous), creating it on first use. */
export function socketsByAuthorization(create: SocketFactory): (authorization: string | undefined) => LiveSocket {
  const sockets = new Map<string | undefined, LiveSocket>();
  return (authorization) => {
    const known = sockets.get(authorization);
    if (known) {
      // Most recently used last, so the first one is the one to drop.
      sockets.delete(authorization);
      sockets.set(authorization, known);
      return known;
    }
    const socket = create(authorization === undefined ? undefined : { authorization });
    sockets.set(authorization, socket);
    if (sockets.size > MAX_SOCKETS) {
      const [oldest] = sockets;
      if (oldest) {
        sockets.delete(oldest[0]);
        void oldest[1].dispose();
      }
    }
    return socket;
  };
}

/** The Authorization value among GraphiQL's headers (any case), or undefined when absent or blank. */
export function authorizationHeader(headers: Record<string, unknown> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
