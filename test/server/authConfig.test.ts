/** AUTH_SECRET, AUTH_JWKS_URL and DEV_TOKEN_TTL from the environment; production refuses to start without a key. */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('readConfig: auth', () => {
  it('refuses production without AUTH_SECRET or AUTH_JWKS_URL, and says why', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(
      /NODE_ENV=production needs AUTH_SECRET .* or AUTH_JWKS_URL .* but neither is set\. Refusing to start/,
    );
  });

  it('starts production with either', () => {
    expect(readConfig({ NODE_ENV: 'production', AUTH_SECRET: SECRET }).auth).toEqual({
      secret: SECRET,
      jwksUrl: undefined,
      devTokenTtlSeconds: 3600,
    });
    expect(readConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.example/jwks.json' }).auth.jwksUrl).toBe(
      'https://id.example/jwks.json',
    );
  });

  it('needs neither outside production (the server makes a dev secret)', () => {
    expect(readConfig({}).auth).toEqual({ secret: undefined, jwksUrl: undefined, devTokenTtlSeconds: 3600 });
  });

  it('validates each variable, naming it, what was expected and what arrived', () => {
    expect(() => readConfig({ AUTH_SECRET: 'short' })).toThrow('AUTH_SECRET expects at least 32 characters (an HS256 key), but got 5.');
    expect(() => readConfig({ AUTH_JWKS_URL: 'not a url' })).toThrow(
      'AUTH_JWKS_URL expects an http(s) URL of a JSON Web Key Set, but got "not a url".',
    );
    expect(() => readConfig({ AUTH_JWKS_URL: 'file:///etc/jwks.json' })).toThrow('but got the file: scheme.');
    expect(() => readConfig({ DEV_TOKEN_TTL: '0' })).toThrow('DEV_TOKEN_TTL expects an integer from 1 to 604800 seconds, but got "0".');
    expect(() => readConfig({ DEV_TOKEN_TTL: '1.5' })).toThrow('DEV_TOKEN_TTL expects an integer');
    expect(readConfig({ DEV_TOKEN_TTL: '60' }).auth.devTokenTtlSeconds).toBe(60);
  });
});
