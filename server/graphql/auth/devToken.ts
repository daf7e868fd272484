/**
 * Tokens for development: a server started without AUTH_SECRET or AUTH_JWKS_URL (and not in
 * production) makes a random secret per start and signs tokens for whoever asks by name, so the web
 * client and GraphiQL can sign in without an identity provider. Never offered in production.
 */
import { SignJWT } from 'jose';

/** A name a dev token may be asked for: 1–64 letters, digits, `-`, `_` or `.`. */
const DEV_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The default lifetime of a dev token, in seconds. */
export const DEFAULT_DEV_TOKEN_TTL_SECONDS = 3_600;

/** The name to sign a token for, or what was wrong with the request body. */
export type DevTokenRequest = { readonly name: string } | { readonly error: string };

/** Reads `{"name": "ann"}` (already parsed JSON); says what was expected and what arrived. */
export function readDevTokenRequest(body: unknown): DevTokenRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: `Expected a JSON object {"name": "…"}, but got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : `a ${typeof body}`}.` };
  }
  const name: unknown = (body as Record<string, unknown>).name;
  if (typeof name !== 'string') {
    return { error: `Expected "name" to be a string, but got ${name === undefined ? 'none' : name === null ? 'null' : `a ${typeof name}`}.` };
  }
  if (!DEV_NAME.test(name)) {
    return { error: `Expected "name" to be 1 to 64 letters, digits, "-", "_" or ".", but got ${JSON.stringify(name.slice(0, 80))}.` };
  }
  return { name };
}

/**
 * Signs an HS256 token for `name`: `sub` is the name lower-cased (so "Ann" and "ann" are one
 * viewer), `name` the name as given, `exp` `ttlSeconds` from now.
 */
export function signDevToken(secret: Uint8Array, name: string, ttlSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(name.toLowerCase())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(secret);
}
