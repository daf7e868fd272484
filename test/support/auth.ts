/** Tokens for tests: the secret test servers verify with by default, and a way to sign for it. */
import { SignJWT } from 'jose';

/** The HS256 secret of {@link startTestServer} and of server processes started by tests (AUTH_SECRET). */
export const TEST_AUTH_SECRET = 'livedoc-test-secret-0123456789-abcdefghijklmnop';

/** Options of {@link signTestToken}. */
export interface TestTokenOptions {
  /** The `name` claim; none by default. */
  name?: string;
  /** `exp` this many seconds from now (default 3600; negative: already expired). */
  expiresInSeconds?: number;
  /** Another secret (a bad signature); default {@link TEST_AUTH_SECRET}. */
  secret?: string;
}

/** Signs an HS256 token for `sub` that test servers accept. */
export function signTestToken(sub: string, options: TestTokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = options.name === undefined ? {} : { name: options.name };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3_600))
    .sign(new TextEncoder().encode(options.secret ?? TEST_AUTH_SECRET));
}

/** `Bearer <token>` of {@link signTestToken}. */
export async function bearer(sub: string, options: TestTokenOptions = {}): Promise<string> {
  return `Bearer ${await signTestToken(sub, options)}`;
}
