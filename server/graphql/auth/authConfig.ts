/** How the server verifies viewers' tokens, from the environment (AUTH_SECRET, AUTH_JWKS_URL, DEV_TOKEN_TTL). */
import { readInteger } from '../../runtime/envInteger.js';

/** The token settings of {@link readAuthConfig}. */
export interface AuthConfig {
  /** HS256 shared secret. */
  secret: string | undefined;
  /** JSON Web Key Set URL for RS256 and ES256 tokens. */
  jwksUrl: string | undefined;
  /** Lifetime of dev tokens (only served without a secret or key set, outside production), seconds. */
  devTokenTtlSeconds: number;
}

/** Shortest AUTH_SECRET: HS256 wants a key at least as long as its 256-bit hash. */
export const MIN_SECRET_CHARS = 32;

/**
 * Reads the token settings; throws naming the variable, what was expected and what arrived, and in
 * production when neither a secret nor a key set is configured (every token would be refused, or a
 * dev secret would let anyone sign in as anyone).
 */
export function readAuthConfig(env: NodeJS.ProcessEnv, production: boolean): AuthConfig {
  const secret = readSecret(env.AUTH_SECRET);
  const jwksUrl = readJwksUrl(env.AUTH_JWKS_URL);
  if (production && !secret && !jwksUrl) {
    throw new Error(
      'NODE_ENV=production needs AUTH_SECRET (an HS256 secret) or AUTH_JWKS_URL (a JSON Web Key Set for RS256/ES256) ' +
        'to verify viewers\' tokens, but neither is set. Refusing to start: without them only a per-start dev secret ' +
        'and its open POST /auth/dev-token route would exist, which are for development only.',
    );
  }
  return { secret, jwksUrl, devTokenTtlSeconds: readTtl(env.DEV_TOKEN_TTL) };
}

function readSecret(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < MIN_SECRET_CHARS) {
    throw new Error(`AUTH_SECRET expects at least ${MIN_SECRET_CHARS} characters (an HS256 key), but got ${value.length}.`);
  }
  return value;
}

function readJwksUrl(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`AUTH_JWKS_URL expects an http(s) URL of a JSON Web Key Set, but got ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`AUTH_JWKS_URL expects an http(s) URL of a JSON Web Key Set, but got the ${url.protocol} scheme.`);
  }
  return url.href;
}

function readTtl(value: string | undefined): number {
  return readInteger('DEV_TOKEN_TTL', value, 3_600, 1, 604_800, 'seconds');
}
