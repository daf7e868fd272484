/** The token of an `Authorization: Bearer <token>` value (RFC 6750), checked for its shape only. */

/** The token, or what was wrong with the value (`where` names it for the message). */
export type BearerToken = { readonly token: string } | { readonly error: string };

/** JWS compact serialization: three base64url parts (the signature may be empty only for `alg: none`). */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Longest token accepted; a real one is well under 2 KB, and the header is attacker-sized. */
export const MAX_TOKEN_CHARS = 8_192;

/**
 * Reads `Bearer <jwt>` (the scheme case-insensitive, as RFC 7235 says). Never echoes the value: it
 * may be a credential.
 */
export function bearerToken(value: string, where: string): BearerToken {
  const expected = `Expected ${where} to be "Bearer <jwt>"`;
  const match = /^(\S+)[ \t]+(\S+)$/.exec(value.trim());
  if (!match) return { error: `${expected}, but got a value of ${value.trim().split(/\s+/).length} part(s).` };
  const [, scheme = '', token = ''] = match;
  if (scheme.toLowerCase() !== 'bearer') {
    const shown = /^[A-Za-z-]{1,20}$/.test(scheme) ? `"${scheme}"` : 'another scheme';
    return { error: `${expected}, but got the ${shown} scheme.` };
  }
  if (token.length > MAX_TOKEN_CHARS) {
    return { error: `${expected} with at most ${MAX_TOKEN_CHARS} characters, but got ${token.length}.` };
  }
  if (!COMPACT_JWT.test(token)) return { error: `${expected}, but the token is not a compact JWT (3 base64url parts).` };
  return { token };
}
