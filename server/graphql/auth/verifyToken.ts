/**
 * From an `Authorization` value to a {@link Viewer}: the one place where a token is checked. HS256
 * tokens verify with the shared secret (AUTH_SECRET), RS256 and ES256 tokens with the key set at
 * AUTH_JWKS_URL (fetched and cached by jose); either or both may be configured.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { ANONYMOUS, type Viewer } from '../viewer.js';
import { bearerToken } from './bearerToken.js';
import { tokenFailure } from './tokenFailure.js';
import { viewerOfClaims } from './viewerOfClaims.js';

/** Who the token says is asking, or why it was refused (a message for the client). */
export type Authentication = { readonly viewer: Viewer } | { readonly error: string };

/**
 * Authenticates an `Authorization` value. Absent or blank: {@link ANONYMOUS}. `where` names the value
 * in messages (default "the Authorization header"). Rejects only when the key set cannot be fetched
 * or read (a server failure, not the token's).
 */
export type TokenVerifier = (authorization: string | undefined, where?: string) => Promise<Authentication>;

/** The keys tokens are verified with; at least one. */
export interface VerifierKeys {
  /** HS256 shared secret (a string is used as its UTF-8 bytes). */
  secret?: string | Uint8Array;
  /** URL of a JSON Web Key Set for RS256 and ES256 tokens. */
  jwksUrl?: string | URL;
}

/**
 * How long a verified token is taken without verifying it again (never past its `exp`): a key removed
 * from the key set stops accepting its tokens at most this much later.
 */
const VERIFIED_FOR_MS = 60_000;
/** Characters of verified tokens remembered (the least recently used go first). */
const VERIFIED_TOKEN_CHARS = 4 * 1024 * 1024;

const SECRET_ALGORITHMS = ['HS256'];
const KEY_SET_ALGORITHMS = ['RS256', 'ES256'];

/** Creates the verifier of `keys`. Throws when neither a secret nor a key set URL is given. */
export function createTokenVerifier(keys: VerifierKeys): TokenVerifier {
  const secret = typeof keys.secret === 'string' ? new TextEncoder().encode(keys.secret) : keys.secret;
  const keySet = keys.jwksUrl === undefined ? undefined : createRemoteJWKSet(new URL(keys.jwksUrl));
  if (!secret && !keySet) throw new Error('createTokenVerifier needs a secret or a JWKS URL.');
  const algorithms = [...(secret ? SECRET_ALGORITHMS : []), ...(keySet ? KEY_SET_ALGORITHMS : [])];
  // jose imports raw secret bytes into a CryptoKey for every token it verifies: imported once, reused.
  let hmacKey: Promise<CryptoKey> | undefined;
  const importedSecret = (bytes: Uint8Array) =>
    (hmacKey ??= crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']));
  // jose checks "alg" against `algorithms` before asking for a key, so each source sees only its own.
  const key: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256' && secret) return importedSecret(secret);
    if (keySet) return keySet(header, token);
    throw new Error(`No key for a token signed with ${header.alg}.`);
  };

  // A client sends the same token with every request: verified once, it is known for a while.
  const verified = new LRUCache<string, { viewer: Viewer; until: number }>({
    maxSize: VERIFIED_TOKEN_CHARS,
    sizeCalculation: (_value, token) => token.length,
  });
  return async (authorization, where = 'the Authorization header') => {
    if (authorization === undefined || authorization.trim() === '') return { viewer: ANONYMOUS };
    const bearer = bearerToken(authorization, where);
    if ('error' in bearer) return bearer;
    const known = verified.get(bearer.token);
    if (known && Date.now() < known.until) return { viewer: known.viewer };
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(bearer.token, key, { algorithms }));
    } catch (error) {
      const message = tokenFailure(error, algorithms);
      if (message === undefined) throw error;
      return { error: message };
    }
    const authentication = viewerOfClaims(claims);
    if ('viewer' in authentication) {
      const until = Math.min(Date.now() + VERIFIED_FOR_MS, authentication.viewer.expiresAt ?? Infinity);
      verified.set(bearer.token, { viewer: authentication.viewer, until });
    }
    return authentication;
  };
}
