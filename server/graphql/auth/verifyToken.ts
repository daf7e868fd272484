/**
 * From an `Authorization` value to a {@link Viewer}: the one place where a token is checked. HS256
 * tokens verify with the shared secret (AUTH_SECRET), RS256 and ES256 tokens with the key set at
 * AUTH_JWKS_URL (fetched and cached by jose); either or both may be configured.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
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

const SECRET_ALGORITHMS = ['HS256'];
const KEY_SET_ALGORITHMS = ['RS256', 'ES256'];

/** Creates the verifier of `keys`. Throws when neither a secret nor a key set URL is given. */
export function createTokenVerifier(keys: VerifierKeys): TokenVerifier {
  const secret = typeof keys.secret === 'string' ? new TextEncoder().encode(keys.secret) : keys.secret;
  const keySet = keys.jwksUrl === undefined ? undefined : createRemoteJWKSet(new URL(keys.jwksUrl));
  if (!secret && !keySet) throw new Error('createTokenVerifier needs a secret or a JWKS URL.');
  const algorithms = [...(secret ? SECRET_ALGORITHMS : []), ...(keySet ? KEY_SET_ALGORITHMS : [])];
  // jose checks "alg" against `algorithms` before asking for a key, so each source sees only its own.
  const key: JWTVerifyGetKey = (header, token) => {
    if (header.alg === 'HS256' && secret) return secret;
    if (keySet) return keySet(header, token);
    throw new Error(`No key for a token signed with ${header.alg}.`);
  };

  return async (authorization, where = 'the Authorization header') => {
    if (authorization === undefined || authorization.trim() === '') return { viewer: ANONYMOUS };
    const bearer = bearerToken(authorization, where);
    if ('error' in bearer) return bearer;
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(bearer.token, key, { algorithms }));
    } catch (error) {
      const message = tokenFailure(error, algorithms);
      if (message === undefined) throw error;
      return { error: message };
    }
    return viewerOfClaims(claims);
  };
}
