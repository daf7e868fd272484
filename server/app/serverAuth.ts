/**
 * How a server authenticates viewers, from its options: the token verifier every transport uses, and
 * the dev-token route when the server made its own secret (neither a secret nor a key set given) and
 * was asked to offer it outside production.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_DEV_TOKEN_TTL_SECONDS } from '../graphql/auth/devToken.js';
import { createTokenVerifier, type TokenVerifier } from '../graphql/auth/verifyToken.js';
import type { Logger } from '../runtime/logger.js';
import { createDevTokenRoute } from '../transport/http/devTokenRoute.js';
import type { RequestHandler } from '../transport/http/httpRoutes.js';

/** The `auth` option of a server. */
export interface ServerAuthOptions {
  /** HS256 shared secret (AUTH_SECRET). */
  secret?: string | Uint8Array;
  /** JSON Web Key Set URL for RS256/ES256 tokens (AUTH_JWKS_URL). */
  jwksUrl?: string;
  /**
   * Serve `POST /auth/dev-token`. Needs neither `secret` nor `jwksUrl` (the server then makes a random
   * secret per start and signs with it) and `production` false.
   */
  devTokens?: boolean;
  /** Lifetime of dev tokens in seconds (default 3600). */
  devTokenTtlSeconds?: number;
}

/** What the transports get. */
export interface ServerAuth {
  verify: TokenVerifier;
  /** The dev-token route's handler, when served. */
  devTokenRoute: RequestHandler | undefined;
}

/**
 * Resolves the auth options. Without a secret or key set the server makes a random secret, so no
 * token from elsewhere verifies (anonymous requests still work). Throws when dev tokens are asked for
 * with a configured key or in production.
 */
export function createServerAuth(options: ServerAuthOptions = {}, production: boolean, logger: Logger): ServerAuth {
  const configured = options.secret !== undefined || options.jwksUrl !== undefined;
  if (options.devTokens && (configured || production)) {
    throw new Error(
      'auth.devTokens needs a server that makes its own secret outside production: give neither auth.secret nor auth.jwksUrl, and production false.',
    );
  }
  const ownSecret = configured ? undefined : new Uint8Array(randomBytes(32));
  const verify = createTokenVerifier({ secret: ownSecret ?? options.secret, jwksUrl: options.jwksUrl });
  const devTokenRoute =
    options.devTokens && ownSecret
      ? createDevTokenRoute({ secret: ownSecret, ttlSeconds: options.devTokenTtlSeconds ?? DEFAULT_DEV_TOKEN_TTL_SECONDS, logger })
      : undefined;
  return { verify, devTokenRoute };
}
