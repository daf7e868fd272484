/**
 * Viewers over the wire: `Authorization: Bearer <jwt>` over HTTP (fast path and yoga's), the
 * `connection_init` payload over graphql-ws, 401 UNAUTHENTICATED and 4403 for refused tokens, 4403 when
 * a connected viewer's token expires, the dev-token route, and keys from a real JWKS.
 */
import { createClient, type Client } from 'graphql-ws';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServerAuth } from '../../server/app/serverAuth.js';
import { createLogger } from '../../server/runtime/logger.js';
import { bearer, signTestToken } from '../support/auth.js';
import { messageText, subscribeLive } from '../support/clients.js';
import { startJwksServer, type JwksServer } from '../support/jwksServer.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, withTimeout } from '../support/waitFor.js';

const QUERY = '{ document(id: "welcome") { id title } }';
const LIVE_QUERY = 'query Welcome @live { document(id: "welcome") { id title } }';
const JSON_TYPES = ['application/json', 'application/graphql-response+json'] as const;

let t: TestServer;
const disposables: (() => unknown)[] = [];
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());
afterEach(async () => {
  await Promise.all(disposables.splice(0).map((dispose) => dispose()));
});

/** POSTs QUERY with the given Authorization (none when undefined). */
async function post(url: string, authorization: string | undefined, accept: string = JSON_TYPES[0], query = QUERY) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(authorization !== undefined && { authorization }) },
    body: JSON.stringify({ query }),
  });
  return { response, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: unknown }[] } };
}

async function get(url: string, authorization: string | undefined) {
  const response = await fetch(`${url}?query=${encodeURIComponent(QUERY)}`, {
    headers: { accept: 'application/json', ...(authorization !== undefined && { authorization }) },
  });
  return { response, body: (await response.json()) as { data?: unknown; errors?: { message: string }[] } };
}

/** A graphql-ws client sending `authorization` in connection_init, disposed after the test. */
function client(url: string, authorization?: string): Client {
  const c = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: authorization === undefined ? undefined : { authorization },
  });
  disposables.push(() => c.dispose());
  return c;
}

/** A raw socket that sends connection_init with `payload`, to watch acks and close codes. */
function rawSocket(url: string, payload?: unknown) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const messages = createQueue<{ type: string; id?: string; payload?: unknown }>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(messageText(data)) as { type: string }));
  socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', ...(payload !== undefined && { payload }) })));
  disposables.push(() => socket.terminate());
  return { socket, messages, closed: withTimeout(closed, 5_000, 'the socket to close') };
}

async function ordinaryQuery(c: Client): Promise<unknown> {
  for await (const result of c.iterate({ query: QUERY })) return result;
  throw new Error('no result');
}

describe('HTTP', () => {
  it('serves anonymous requests and requests with a valid token, on both paths', async () => {
    expect((await post(t.server.httpUrl, undefined)).body.data).toEqual({ document: { id: 'welcome', title: expect.any(String) as string } });
    const authorization = await bearer('ann', { name: 'Ann' });
    // The first request of a text goes to yoga, the next ones take the fast path.
    for (let i = 0; i < 2; i++) {
      const { response, body } = await post(t.server.httpUrl, authorization);
      expect(response.status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
    expect((await get(t.server.httpUrl, authorization)).response.status).toBe(200);
  });

  it.each(JSON_TYPES)('answers refused tokens 401 UNAUTHENTICATED (%s), on both paths', async (accept) => {
    const refused = {
      'bad signature': await bearer('ann', { secret: 'not-the-server-secret-but-long-enough-0123' }),
      expired: await bearer('ann', { expiresInSeconds: -5 }),
      garbage: 'Bearer garbage',
      'another scheme': `Basic ${Buffer.from('ann:pw').toString('base64')}`,
    };
    await post(t.server.httpUrl, undefined, accept); // the text is known: the next POSTs take the fast path
    for (const [what, authorization] of Object.entries(refused)) {
      for (const { response, body } of [await post(t.server.httpUrl, authorization, accept), await get(t.server.httpUrl, authorization)]) {
        expect(response.status, what).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
        expect(body).toEqual({ errors: [{ message: expect.any(String) as string, extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      const { response } = await post(t.server.httpUrl, authorization, accept);
      expect(response.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
    }
    const { body } = await post(t.server.httpUrl, refused.expired, accept);
    expect(body.errors?.[0]?.message).toMatch(/^The token expired at .*; get a fresh one\.$/);
  });
});

describe('graphql-ws', () => {
  it('serves live and ordinary operations for a viewer named in connection_init', async () => {
    const c = client(t.server.wsUrl, await bearer('ann', { name: 'Ann' }));
    const live = subscribeLive(c, LIVE_QUERY);
    disposables.push(() => live.dispose());
    expect(await live.next()).toMatchObject({ data: { document: { id: 'welcome' } }, revision: 1 });
    expect(await ordinaryQuery(c)).toMatchObject({ data: { document: { id: 'welcome' } } });
  });

  it('serves anonymous sockets', async () => {
    expect(await ordinaryQuery(client(t.server.wsUrl))).toMatchObject({ data: { document: { id: 'welcome' } } });
    const { messages } = rawSocket(t.server.wsUrl, {});
    expect((await messages.take()).type).toBe('connection_ack');
  });

  it('closes 4403 at init for a refused token, saying why', async () => {
    const cases: [string, RegExp][] = [
      [await bearer('ann', { secret: 'not-the-server-secret-but-long-enough-0123' }), /^The token's signature does not verify\.$/],
      [await bearer('ann', { expiresInSeconds: -5 }), /^The token expired at/],
      ['Bearer garbage', /^Expected payload\.authorization to be "Bearer <jwt>", but the token is not a compact JWT/],
      [await signTestToken('ann'), /^Expected payload\.authorization to be "Bearer <jwt>", but got a value of 1 part/],
    ];
    for (const [authorization, reason] of cases) {
      const { closed, messages } = rawSocket(t.server.wsUrl, { authorization });
      const { code, reason: actual } = await closed;
      expect(code).toBe(4403);
      expect(actual).toMatch(reason);
      expect(messages.pending).toEqual([]);
    }
  });

  it('closes 4400 for a payload.authorization that is not a string', async () => {
    const { closed } = rawSocket(t.server.wsUrl, { authorization: 42 });
    expect(await closed).toEqual({ code: 4400, reason: 'Expected payload.authorization to be a string "Bearer <token>", but got number' });
  });

  it('closes 4403 when the viewer\'s token expires while connected', async () => {
    const token = await signTestToken('ann', { expiresInSeconds: 2 });
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    const { socket, messages, closed } = rawSocket(t.server.wsUrl, { authorization: `Bearer ${token}` });
    expect((await messages.take()).type).toBe('connection_ack');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: LIVE_QUERY } }));
    expect(await messages.take()).toMatchObject({ id: '1', type: 'next', payload: { revision: 1 } });
    expect(await closed).toEqual({ code: 4403, reason: 'Token expired' });
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
  });
});

describe('dev tokens', () => {
  it('signs a token for a name when the server made its own secret, usable over HTTP and graphql-ws', async () => {
    const dev = await startTestServer({ seed: false, auth: { devTokens: true, devTokenTtlSeconds: 120 } });
    disposables.push(() => dev.dispose());
    const url = dev.server.httpUrl.replace(/\/graphql$/, '/auth/dev-token');
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ann.B-1"}' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: 'ann.b-1', name: 'Ann.B-1' });
    expect((claims.exp ?? 0) - Math.floor(Date.now() / 1000)).toBeGreaterThan(110);
    expect((await post(dev.server.httpUrl, `Bearer ${token}`)).response.status).toBe(200);
    expect(await ordinaryQuery(client(dev.server.wsUrl, `Bearer ${token}`))).toEqual({ data: { document: null } });
    // A token of another server's secret is refused here.
    expect((await post(dev.server.httpUrl, await bearer('ann'))).response.status).toBe(401);

    const bad = async (body: string) => {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: answer.status, body: (await answer.json()) as unknown };
    };
    expect(await bad('{"name":""}')).toEqual({ status: 400, body: { error: 'Expected "name" to be 1 to 64 letters, digits, "-", "_" or ".", but got "".' } });
    expect((await bad(`{"name":"${'a'.repeat(65)}"}`)).status).toBe(400);
    expect((await bad('{"name":"ann smith"}')).status).toBe(400);
    expect(await bad('{}')).toEqual({ status: 400, body: { error: 'Expected "name" to be a string, but got none.' } });
    expect(await bad('[1]')).toEqual({ status: 400, body: { error: 'Expected a JSON object {"name": "…"}, but got an array.' } });
    expect(await bad('nope')).toEqual({ status: 400, body: { error: 'Expected a JSON body {"name": "…"}, but it is not JSON.' } });
    const getAnswer = await fetch(url);
    expect([getAnswer.status, getAnswer.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('are not served with a configured secret, nor in production (404)', async () => {
    const production = await startTestServer({ seed: false, production: true });
    disposables.push(() => production.dispose());
    for (const server of [t.server, production.server]) {
      const url = server.httpUrl.replace(/\/graphql$/, '/auth/dev-token');
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"ann"}' });
      expect(response.status).toBe(404);
    }
  });

  it('cannot be asked for in production or beside a configured key', () => {
    const logger = createLogger('silent');
    expect(() => createServerAuth({ devTokens: true }, true, logger)).toThrow(/auth\.devTokens needs a server that makes its own secret/);
    expect(() => createServerAuth({ devTokens: true, secret: 'x'.repeat(32) }, false, logger)).toThrow(/auth\.devTokens/);
  });
});

describe('keys from AUTH_JWKS_URL', () => {
  let jwks: JwksServer;
  let keyed: TestServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
    keyed = await startTestServer({ seed: false, auth: { jwksUrl: jwks.url } });
  });
  afterAll(async () => {
    await keyed.dispose();
    await jwks.close();
  });

  it('accepts RS256 and ES256 tokens over HTTP and graphql-ws, refuses HS256', async () => {
    expect((await post(keyed.server.httpUrl, `Bearer ${await jwks.sign('RS256', 'ann')}`)).response.status).toBe(200);
    expect((await post(keyed.server.httpUrl, `Bearer ${await jwks.sign('ES256', 'bob')}`)).response.status).toBe(200);
    expect((await post(keyed.server.httpUrl, await bearer('ann'))).response.status).toBe(401);
    const c = client(keyed.server.wsUrl, `Bearer ${await jwks.sign('ES256', 'bob')}`);
    expect(await ordinaryQuery(c)).toEqual({ data: { document: null } });
    const { closed } = rawSocket(keyed.server.wsUrl, { authorization: await bearer('ann') });
    expect((await closed).code).toBe(4403);
  });
});
