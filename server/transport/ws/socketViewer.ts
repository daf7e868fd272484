/**
 * The viewer of one graphql-ws socket: anonymous until `connection_init` carries
 * `{ "authorization": "Bearer <jwt>" }`, then the token's viewer for every operation of the socket.
 * A refused token closes the socket with 4403 at init; a payload of the wrong shape with 4400 (a
 * client bug, which graphql-ws clients do not retry); a token that expires while the socket is open
 * closes it with 4403 at that moment, so the client reconnects with a fresh one.
 */
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import { ANONYMOUS, type Viewer } from '../../graphql/viewer.js';
import { CLOSE_BAD_REQUEST, CLOSE_FORBIDDEN } from '../../../wire/closeCodes.js';
import { callAt } from './callAt.js';

/** Where the token is read from, as messages name it. */
const WHERE = 'payload.authorization';

/** The viewer state of one socket. */
export interface SocketViewer {
  /** The socket's viewer: {@link ANONYMOUS} until `connection_init` named another. */
  readonly current: Viewer;
  /**
   * Authenticates `connection_init`'s payload (graphql-ws's `connectionParams`); resolves false when
   * it closed the socket for it. Rejects when the token could not be checked (a server failure).
   */
  init(payload: unknown): Promise<boolean>;
  /** The socket closed: stops the expiry timer. */
  dispose(): void;
}

/** Creates the viewer state of a socket that `close` closes. */
export function createSocketViewer(verify: TokenVerifier, close: (code: number, reason: string) => void): SocketViewer {
  let current = ANONYMOUS;
  let disposed = false;
  let stopExpiry: (() => void) | undefined;

  return {
    get current() {
      return current;
    },
    async init(payload) {
      const authorization = authorizationOf(payload);
      if (typeof authorization === 'object') {
        close(CLOSE_BAD_REQUEST, closeReason(authorization.error));
        return false;
      }
      const authentication = await verify(authorization, WHERE);
      if ('error' in authentication) {
        close(CLOSE_FORBIDDEN, closeReason(authentication.error));
        return false;
      }
      if (disposed) return false;
      current = authentication.viewer;
      const { expiresAt } = current;
      if (expiresAt !== null) stopExpiry = callAt(expiresAt, () => close(CLOSE_FORBIDDEN, 'Token expired'));
      return true;
    },
    dispose() {
      disposed = true;
      stopExpiry?.();
    },
  };
}

/** The authorization string of the payload (undefined: none), or what was wrong with the payload. */
function authorizationOf(payload: unknown): string | undefined | { error: string } {
  if (payload === undefined || payload === null) return undefined;
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    return { error: `Expected connection_init's payload to be an object, but got ${Array.isArray(payload) ? 'an array' : typeof payload}` };
  }
  const value: unknown = (payload as Record<string, unknown>).authorization;
  if (value === undefined || typeof value === 'string') return value;
  return { error: `Expected ${WHERE} to be a string "Bearer <token>", but got ${value === null ? 'null' : typeof value}` };
}

/** A close reason fits 123 bytes of UTF-8; the messages are ASCII but may quote the client's input. */
function closeReason(message: string): string {
  const bytes = Buffer.from(message);
  return bytes.length <= 123 ? message : `${bytes.subarray(0, 120).toString().replace(/\uFFFD$/, '')}...`;
}
