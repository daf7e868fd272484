/** The viewer a verified token's claims name, with the claims livedoc reads checked. */
import type { JWTPayload } from 'jose';
import type { Viewer } from '../viewer.js';

/** Longest `sub` and `name` accepted (they reach logs, group keys and the store). */
export const MAX_CLAIM_CHARS = 200;

/** The viewer, or what was wrong with the claims. */
export type ViewerOfClaims = { readonly viewer: Viewer } | { readonly error: string };

/**
 * `sub` (required, a non-empty string) is the viewer's id, `name` (optional string) its name, `exp`
 * (seconds, checked by the verifier) when it expires.
 */
export function viewerOfClaims(claims: JWTPayload): ViewerOfClaims {
  const { sub, name, exp } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_CLAIM_CHARS) {
    return { error: `Expected the token's "sub" claim to be a string of 1 to ${MAX_CLAIM_CHARS} characters, but got ${describe(sub)}.` };
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_CLAIM_CHARS)) {
    return { error: `Expected the token's "name" claim to be a string of at most ${MAX_CLAIM_CHARS} characters, but got ${describe(name)}.` };
  }
  return {
    viewer: Object.freeze({
      id: sub,
      name: typeof name === 'string' ? name : null,
      expiresAt: typeof exp === 'number' ? exp * 1000 : null,
    }),
  };
}

function describe(value: unknown): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}
