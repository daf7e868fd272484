/**
 * The viewer's identity on a live socket: asks `getToken` for a token on every (re)connect and sends
 * it as `{ authorization: "Bearer <token>" }` in `connection_init`. A 4403 close (token refused or
 * expired) is not fatal: the socket reconnects with its usual backoff and asks again, telling
 * `getToken` the last token was refused. After {@link MAX_AUTH_ATTEMPTS} refusals (or failures of
 * `getToken`) in a row without a connection in between, the error reaches the running operations.
 */
import { CLOSE_FORBIDDEN } from '../wire/closeCodes.js';

/** What {@link GetToken} is told about the connection it is asked for. */
export interface TokenRequest {
  /** The server refused the previous token (closed with 4403): a cached token should be replaced. */
  readonly rejected: boolean;
}

/**
 * Returns the viewer's token (a JWT), or null/undefined (or '') to connect anonymously. Called before
 * every connection attempt, so it may refresh an expired token.
 */
export type GetToken = (request: TokenRequest) => string | null | undefined | Promise<string | null | undefined>;

const FORBIDDEN: number = CLOSE_FORBIDDEN;

/** Refusals (4403) or `getToken` failures in a row after which the operations fail instead of retrying. */
export const MAX_AUTH_ATTEMPTS = 3;

/** Options of {@link createTokenAuth}. */
export interface TokenAuthOptions {
  getToken?: GetToken;
  /** Other fields of the `connection_init` payload; `authorization` is set from the token. */
  connectionParams?: Record<string, unknown>;
  /** Default {@link MAX_AUTH_ATTEMPTS}. */
  maxAuthAttempts?: number;
}

/** What a live socket passes to graphql-ws's `createClient`. */
export interface TokenAuth {
  /** graphql-ws `connectionParams`: the `connection_init` payload of the next attempt. */
  readonly connectionParams: () => Promise<Record<string, unknown> | undefined>;
  /** graphql-ws `closed` listener: counts a 4403 as a refusal. */
  readonly closed: (event: unknown) => void;
  /** The server refused the token some other way (an event stream's 401): counts `failure` as a refusal. */
  readonly refused: (failure: unknown) => void;
  /** graphql-ws `connected` listener: the token was accepted, the count starts again. */
  readonly connected: () => void;
  /** graphql-ws `shouldRetry`: every failure is retried except the one that exhausted the attempts. */
  readonly shouldRetry: (errorOrCloseEvent: unknown) => boolean;
}

/** The error operations receive when `getToken` throws or returns something other than a string. */
export class TokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenError';
  }
}

/** The `Authorization` value for `token`: `Bearer <token>`, or undefined when anonymous. */
export function bearer(token: string | null | undefined): string | undefined {
  return token ? `Bearer ${token}` : undefined;
}

/** Creates the token handling of one socket. */
export function createTokenAuth(options: TokenAuthOptions): TokenAuth {
  const { getToken, connectionParams } = options;
  const maxAttempts = options.maxAuthAttempts ?? MAX_AUTH_ATTEMPTS;
  let failures = 0;
  let rejected = false;
  // The failure that used up the attempts: every operation's retry decision sees this same object.
  let exhausted: unknown;

  const fail = (failure: unknown) => {
    failures++;
    if (failures < maxAttempts) return;
    exhausted = failure;
    // A later operation (or a new sign-in) starts a fresh series of attempts.
    failures = 0;
  };

  const refused = (failure: unknown) => {
    rejected = true;
    if (getToken) fail(failure);
  };

  return {
    connectionParams: async () => {
      if (!getToken) return connectionParams;
      const token = await readToken(getToken, { rejected }).catch((error: unknown) => {
        fail(error);
        throw error;
      });
      const authorization = bearer(token);
      if (!authorization) return connectionParams;
      return { ...connectionParams, authorization };
    },
    closed: (event) => {
      if (isCloseEvent(event) && event.code === FORBIDDEN) refused(event);
    },
    refused,
    connected: () => {
      failures = 0;
      rejected = false;
    },
    shouldRetry: (errorOrCloseEvent) => errorOrCloseEvent !== exhausted,
  };
}

/** Calls `getToken` and checks what it returned; any failure becomes a new {@link TokenError}. */
async function readToken(getToken: GetToken, request: TokenRequest): Promise<string | null | undefined> {
  let token: unknown;
  try {
    token = await getToken(request);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TokenError(`getToken failed: ${reason}`, { cause: error });
  }
  if (token === null || token === undefined || typeof token === 'string') return token;
  throw new TokenError(`getToken must return a string, null or undefined, but returned ${typeof token}.`);
}

function isCloseEvent(value: unknown): value is { code: number } {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}
