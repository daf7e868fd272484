import { describe, expect, it } from 'vitest';
import { readClientLimits, readConfig } from '../../server/config.js';
import { createOriginPolicy } from '../../server/transport/originPolicy.js';

describe('client limits from the environment', () => {
  it('defaults by mode: GraphiQL and introspection in development only', () => {
    expect(readClientLimits({}, false)).toEqual({
      allowedOrigins: undefined,
      graphiql: true,
      introspection: true,
      maxLivePerSocket: 200,
      maxMessageBytes: 1024 * 1024,
      maxSocketsPerViewer: 50,
      mutationRate: 50,
      mutationBurst: 200,
    });
    expect(readClientLimits({}, true)).toMatchObject({ graphiql: false, introspection: false });
    expect(readConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), GRAPHIQL: 'true', INTROSPECTION: 'TRUE' }).limits).toMatchObject({ graphiql: true, introspection: true });
  });

  it('reads the variables, and says what was expected and what arrived', () => {
    const env = { ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080', MAX_LIVE_PER_SOCKET: '10', MUTATION_RATE: '5', MUTATION_BURST: '7', MAX_SOCKETS_PER_VIEWER: '3', MAX_MESSAGE_BYTES: '4096' };
    expect(readClientLimits(env, true)).toMatchObject({ allowedOrigins: ['https://a.example', 'http://b.example:8080'], maxLivePerSocket: 10, mutationRate: 5, mutationBurst: 7, maxSocketsPerViewer: 3, maxMessageBytes: 4096 });
    expect(() => readClientLimits({ ALLOWED_ORIGINS: 'https://a.example/' }, true)).toThrow(/ALLOWED_ORIGINS expects .* but got "https:\/\/a.example\/"/);
    expect(() => readClientLimits({ ALLOWED_ORIGINS: '*' }, true)).toThrow(/ALLOWED_ORIGINS/);
    expect(() => readClientLimits({ GRAPHIQL: 'yes' }, true)).toThrow('GRAPHIQL expects true or false, but got "yes".');
    expect(() => readClientLimits({ MAX_LIVE_PER_SOCKET: '0' }, true)).toThrow('MAX_LIVE_PER_SOCKET expects an integer from 1 to 100000, but got "0".');
    expect(() => readClientLimits({ MUTATION_RATE: '1.5' }, true)).toThrow(/MUTATION_RATE expects an integer/);
  });
});

describe('origin policy', () => {
  it('same origin and no Origin always; localhost pages only by default in development; the list replaces it', () => {
    const dev = createOriginPolicy({ production: false });
    const prod = createOriginPolicy({ production: true });
    const listed = createOriginPolicy({ production: false, allowedOrigins: ['https://app.example'] });
    for (const policy of [dev, prod, listed]) {
      expect(policy(undefined, 'http://host:4000')).toBe(true);
      expect(policy('http://host:4000', 'http://host:4000')).toBe(true);
      expect(policy('https://host:4000', 'http://host:4000')).toBe(false);
      expect(policy('https://evil.example', 'http://host:4000')).toBe(false);
    }
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'http://localhost']) {
      expect(dev(origin, 'http://host:4000')).toBe(true);
      expect(prod(origin, 'http://host:4000')).toBe(false);
      expect(listed(origin, 'http://host:4000')).toBe(false);
    }
    expect(dev('http://localhost.evil.example', 'http://host:4000')).toBe(false);
    expect(listed('https://app.example', 'http://host:4000')).toBe(true);
  });
});
