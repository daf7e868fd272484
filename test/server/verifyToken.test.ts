/** Token verification: what becomes a viewer, and what is refused with which words. */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, type Authentication } from '../../server/graphql/auth/verifyToken.js';
import { ANONYMOUS } from '../../server/graphql/viewer.js';
import { bearer, signTestToken, TEST_AUTH_SECRET } from '../support/auth.js';
import { startJwksServer, type JwksServer } from '../support/jwksServer.js';

const verify = createTokenVerifier({ secret: TEST_AUTH_SECRET });
const secretBytes = new TextEncoder().encode(TEST_AUTH_SECRET);

function errorOf(authentication: Authentication): string {
  if (!('error' in authentication)) throw new Error(`expected a failure, got viewer ${JSON.stringify(authentication.viewer)}`);
  return authentication.error;
}

describe('HS256 with the secret', () => {
  it('turns a valid token into its viewer: sub, name, exp', async () => {
    const before = Math.floor(Date.now() / 1000);
    const authentication = await verify(await bearer('ann', { name: 'Ann', expiresInSeconds: 600 }));
    expect(authentication).toEqual({ viewer: { id: 'ann', name: 'Ann', expiresAt: expect.any(Number) as number } });
    const { expiresAt } = (authentication as { viewer: { expiresAt: number } }).viewer;
    expect(expiresAt / 1000 - before).toBeGreaterThanOrEqual(600);
    expect(expiresAt / 1000 - before).toBeLessThanOrEqual(601);
  });

  it('knows a token it verified until its exp, and no longer', async () => {
    const token = await bearer('ann', { expiresInSeconds: 30 });
    const fresh = createTokenVerifier({ secret: TEST_AUTH_SECRET });
    const first = await fresh(token);
    expect(await fresh(token)).toEqual(first);
    vi.useFakeTimers({ now: Date.now() + 31_000, toFake: ['Date'] });
    try {
      expect(errorOf(await fresh(token))).toMatch(/expired/i);
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the scheme in any case, and a token without name or exp', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('bob').sign(secretBytes);
    expect(await verify(`bearer ${token}`)).toEqual({ viewer: { id: 'bob', name: null, expiresAt: null } });
  });

  it('is anonymous without a header, or with a blank one', async () => {
    expect(await verify(undefined)).toEqual({ viewer: ANONYMOUS });
    expect(await verify('  ')).toEqual({ viewer: ANONYMOUS });
  });

  it('refuses malformed headers, saying what was expected', async () => {
    const token = await signTestToken('ann');
    expect(errorOf(await verify(token))).toMatch(/Expected the Authorization header to be "Bearer <jwt>", but got a value of 1 part/);
    expect(errorOf(await verify(`Basic ${token}`))).toMatch(/but got the "Basic" scheme/);
    expect(errorOf(await verify('Bearer not-a-jwt'))).toMatch(/not a compact JWT/);
    expect(errorOf(await verify(`Bearer ${'a'.repeat(9_000)}.b.c`))).toMatch(/at most 8192 characters, but got 9004/);
    expect(errorOf(await verify('Bearer a.b.c'))).toMatch(/Expected a signed JWT, but the token is not one/);
  });

  it('refuses a bad signature, an expired token and another algorithm', async () => {
    expect(errorOf(await verify(await bearer('ann', { secret: 'another-secret-of-enough-length-0123456789' })))).toBe(
      "The token's signature does not verify.",
    );
    expect(errorOf(await verify(await bearer('ann', { expiresInSeconds: -10 })))).toMatch(/^The token expired at \d{4}-.*Z; get a fresh one\.$/);
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('ann').sign(secretBytes);
    expect(errorOf(await verify(`Bearer ${hs512}`))).toBe('Expected a token signed with HS256, but its "alg" is another.');
    const unsigned = new UnsecuredJWT({ sub: 'ann' }).encode();
    expect(errorOf(await verify(`Bearer ${unsigned}`))).toMatch(/HS256|not one/);
  });

  it('refuses a token without a usable sub, or with a name that is not a string', async () => {
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secretBytes).then((t) => `Bearer ${t}`);
    expect(errorOf(await verify(await sign({ name: 'Ann' })))).toBe(
      'Expected the token\'s "sub" claim to be a string of 1 to 200 characters, but got none.',
    );
    expect(errorOf(await verify(await sign({ sub: '' })))).toMatch(/"sub" claim .* but got a string of 0 characters/);
    expect(errorOf(await verify(await sign({ sub: 'x'.repeat(201) })))).toMatch(/but got a string of 201 characters/);
    expect(errorOf(await verify(await sign({ sub: 'ann', name: 7 })))).toMatch(/"name" claim to be a string .* but got a number/);
    expect(errorOf(await verify(await sign({ sub: 'ann', exp: 'soon' })))).toMatch(/"exp" claim is not valid/);
  });
});

describe('RS256 and ES256 from a key set', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(() => jwks.close());

  it('verifies both algorithms with keys fetched from the URL', async () => {
    const fromKeySet = createTokenVerifier({ jwksUrl: jwks.url });
    expect(await fromKeySet(`Bearer ${await jwks.sign('RS256', 'ann', { name: 'Ann' })}`)).toMatchObject({ viewer: { id: 'ann', name: 'Ann' } });
    expect(await fromKeySet(`Bearer ${await jwks.sign('ES256', 'bob')}`)).toMatchObject({ viewer: { id: 'bob', name: null } });
    expect(jwks.fetches).toBe(1);
    // Without the secret configured, an HS256 token is another algorithm.
    expect(errorOf(await fromKeySet(await bearer('ann')))).toBe('Expected a token signed with RS256 or ES256, but its "alg" is another.');
  });

  it('takes both sources at once, each for its own algorithms', async () => {
    const both = createTokenVerifier({ secret: TEST_AUTH_SECRET, jwksUrl: jwks.url });
    expect(await both(await bearer('ann'))).toMatchObject({ viewer: { id: 'ann' } });
    expect(await both(`Bearer ${await jwks.sign('ES256', 'bob')}`)).toMatchObject({ viewer: { id: 'bob' } });
  });

  it('refuses a token signed by a key outside the set', async () => {
    const other = await startJwksServer();
    try {
      const fromKeySet = createTokenVerifier({ jwksUrl: jwks.url });
      expect(errorOf(await fromKeySet(`Bearer ${await other.sign('RS256', 'ann')}`))).toBe("The token's signature does not verify.");
    } finally {
      await other.close();
    }
  });

  it('rejects (a server failure, not the token\'s) when the key set cannot be fetched', async () => {
    const gone = await startJwksServer();
    const token = await gone.sign('RS256', 'ann');
    const url = gone.url;
    await gone.close();
    await expect(createTokenVerifier({ jwksUrl: url })(`Bearer ${token}`)).rejects.toThrow();
  });
});
