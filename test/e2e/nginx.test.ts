/**
 * deploy/nginx.conf in front of two instances on one PostgreSQL, with a real nginx: live queries over
 * graphql-ws and SSE stay live through it (keep-alives outlast its timeouts), its Host and
 * X-Forwarded-Proto make its own origin same-origin, and when an instance dies the clients on it come
 * back through nginx to the other and are live again. The sample's numbers are checked against the
 * server's defaults without any service.
 */
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readConfig } from '../../server/config.js';
import { DEFAULT_REQUEST_LIMITS } from '../../server/graphql/requestLimits.js';
import { authorizationOf, mutate, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { openLiveEventStream, type LiveEventStream } from '../support/liveEventStream.js';
import { nginxAvailable, startNginx, type NginxProcess } from '../support/nginx.js';
import { directiveValue, nginxSizeBytes, nginxTimeMs, readSampleConfig, sampleConfigFor } from '../support/nginxConfig.js';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../support/postgres.js';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.js';
import { withTimeout } from '../support/waitFor.js';

const DOC = 'query($id: ID!) @live { document(id: $id) { id title } }';
/** The instances' keep-alive here; the sample's proxy timeouts are scaled by the same factor. */
const KEEPALIVE_MS = 1_000;

describe('deploy/nginx.conf agrees with the server defaults', () => {
  const sample = readSampleConfig();
  it('its proxy timeouts leave room for more than two keep-alives of the default KEEPALIVE_MS', () => {
    const keepAliveMs = readConfig({}).keepAliveMs;
    for (const name of ['proxy_read_timeout', 'proxy_send_timeout']) {
      expect(nginxTimeMs(directiveValue(sample, name))).toBeGreaterThanOrEqual(2 * keepAliveMs);
    }
  });
  it('its client_max_body_size is the default MAX_BODY_BYTES', () => {
    expect(nginxSizeBytes(directiveValue(sample, 'client_max_body_size'))).toBe(DEFAULT_REQUEST_LIMITS.maxBodyBytes);
  });
  it('does not buffer /graphql (event streams), and upgrades WebSockets', () => {
    expect(directiveValue(sample, 'proxy_buffering')).toBe('off');
    expect(directiveValue(sample, 'proxy_http_version')).toBe('1.1');
    expect(sample).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(sample).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
  });
});

const available = (await nginxAvailable()) && (await postgresAvailable());

describe.skipIf(!available)('two instances behind nginx', () => {
  /** The sample's read timeout over the default keep-alive, applied to this test's keep-alive. */
  const proxyTimeoutMs = Math.round(
    (nginxTimeMs(directiveValue(readSampleConfig(), 'proxy_read_timeout')) * KEEPALIVE_MS) / readConfig({}).keepAliveMs,
  );
  let database: TempDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let proxy: NginxProcess;
  /** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
  const cleanups: (() => Promise<unknown>)[] = [];
  const clients: Client[] = [];
  const subscriptions: LiveSubscription[] = [];
  const streams: LiveEventStream[] = [];

  beforeAll(async () => {
    database = await createTempDatabase();
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, BUS: 'postgres', NODE_ENV: 'production', KEEPALIVE_MS: String(KEEPALIVE_MS) };
    a = await startServerProcess(env);
    cleanups.push(() => a.stop());
    b = await startServerProcess(env);
    cleanups.push(() => b.stop());
    proxy = await startNginx((port, dir) => sampleConfigFor({ port, dir, upstreams: [a.port, b.port], proxyTimeoutMs }));
    cleanups.push(() => proxy.stop());
  }, 90_000);
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterEach(async () => {
    for (const s of subscriptions.splice(0)) s.dispose();
    await Promise.all(streams.splice(0).map((s) => s.close()));
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  const open = async (id: string) => {
    const stream = await openLiveEventStream(proxy.httpUrl, DOC, { id });
    streams.push(stream);
    return stream;
  };
  const live = (client: Client, id: string) => {
    const s = subscribeLive(client, DOC, { id }, { restarts: true });
    subscriptions.push(s);
    return s;
  };
  /** Creates a document through nginx. */
  const create = async (title: string) => {
    const data = await mutate(proxy.httpUrl, 'mutation($title: String!) { createDocument(input: { title: $title }) { id } }', { title });
    return (data.createDocument as { id: string }).id;
  };
  /** Renames it through nginx. */
  const rename = (id: string, title: string) =>
    mutate(proxy.httpUrl, 'mutation($id: ID!, $title: String!) { updateDocument(id: $id, input: { title: $title }) { id } }', { id, title });
  const titleOf = (state: unknown) => (state as { document?: { title?: string } } | null)?.document?.title;

  it('keeps idle live queries open past proxy_read_timeout: keep-alives pass through', async () => {
    const id = await create('Idle');
    const client = wsClient(proxy.wsUrl); // no retries: a socket nginx cut would end the subscription
    clients.push(client);
    const overWs = live(client, id);
    await overWs.next();
    const overSse = await open(id);
    await overSse.next();
    // Nothing but heartbeats for longer than nginx waits for a silent upstream.
    const idleSince = performance.now();
    while (performance.now() - idleSince < proxyTimeoutMs + KEEPALIVE_MS) await overSse.heartbeat(3 * KEEPALIVE_MS);
    await rename(id, 'Still live');
    expect((await overWs.next()).revision).toBe(2);
    expect(await overSse.next()).toMatchObject({ revision: 2 });
    expect([titleOf(overWs.state), titleOf(overSse.state)]).toEqual(['Still live', 'Still live']);
    expect(await proxy.errorLog()).not.toMatch(/timed out/);
  }, 30_000);

  it('passes Host and X-Forwarded-Proto: its own origin is same-origin, others are refused', async () => {
    expect(await upgradeStatus(proxy.wsUrl, proxy.origin)).toBe(101);
    expect(await upgradeStatus(proxy.wsUrl, 'http://elsewhere.example')).toBe(403);
    // The scheme is nginx's ($scheme), not whatever the client claims.
    expect(await upgradeStatus(proxy.wsUrl, proxy.origin.replace('http:', 'https:'), { 'x-forwarded-proto': 'https' })).toBe(403);
    const id = await create('Same origin');
    const stream = await openLiveEventStream(proxy.httpUrl, DOC, { id }, { headers: { origin: proxy.origin } });
    streams.push(stream);
    expect(titleOf((await stream.next(), stream.state))).toBe('Same origin');
  });

  it('keeps /metrics private and refuses bodies over MAX_BODY_BYTES itself', async () => {
    expect((await fetch(`${proxy.origin}/metrics`)).status).toBe(404);
    expect((await fetch(`${proxy.origin}/readyz`)).status).toBe(200);
    const tooLarge = await fetch(proxy.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }${' '.repeat(DEFAULT_REQUEST_LIMITS.maxBodyBytes)}` }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('server')).toMatch(/^nginx/);
  });

  it('an instance dies: its clients come back through nginx to the other and a later write reaches everyone', async () => {
    const id = await create('Before');
    // least_conn: opened one after the other, each instance holds one WebSocket and one stream.
    const connects = [0, 0];
    const sockets = connects.map((_, i) => movingClient(proxy.wsUrl, () => connects[i]!++));
    clients.push(...sockets);
    const overWs: LiveSubscription[] = [];
    for (const socket of sockets) {
      overWs.push(live(socket, id));
      await overWs.at(-1)!.next();
    }
    const overSse = [await open(id)];
    await overSse[0]!.next();
    overSse.push(await open(id));
    await overSse[1]!.next();
    await rename(id, 'Both live');
    for (const s of [...overWs, ...overSse]) {
      await s.next();
      expect(titleOf(s.state)).toBe('Both live');
    }

    a.child.kill('SIGKILL');
    expect(await withTimeout(a.exited, 5_000, 'A to die')).toBe('SIGKILL');
    await rename(id, 'After the crash'); // through nginx, which skips the dead instance

    // The stream that was on A ended; the one on B got the write. A new request replaces the first.
    const outcomes = await Promise.all(overSse.map((s) => s.next(10_000)));
    expect(outcomes.filter((outcome) => outcome === 'end')).toHaveLength(1);
    const survivor = overSse[outcomes.indexOf('end') === 0 ? 1 : 0]!;
    const replacement = await open(id);
    await replacement.next();
    for (const s of [survivor, replacement]) expect(titleOf(s.state)).toBe('After the crash');
    // The WebSocket that was on A reconnected and resubscribed (revision 1 again) on B.
    for (const s of overWs) {
      while (titleOf(s.state) !== 'After the crash') await s.next(10_000);
    }
    expect([...connects].sort()).toEqual([1, 2]);

    await rename(id, 'Later');
    for (const s of [...overWs, survivor, replacement]) {
      await s.next();
      expect(titleOf(s.state)).toBe('Later');
    }
  }, 60_000);
});

/** A graphql-ws client that reconnects (as apps do) and counts its connections in `onConnected`. */
function movingClient(url: string, onConnected: () => void): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 50,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 100)),
    shouldRetry: () => true,
    connectionParams: async () => ({ authorization: await authorizationOf() }),
    on: { connected: onConnected },
  });
}

/** The status a WebSocket upgrade with `origin` gets: 101 when accepted, else the refusal's. */
function upgradeStatus(url: string, origin: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { origin, headers });
  const status = new Promise<number>((resolve, reject) => {
    socket.once('upgrade', (response) => resolve(response.statusCode ?? 0));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', reject); // also after terminate(), which errors a socket still connecting
  });
  return withTimeout(status, 5_000, `the upgrade with Origin ${origin}`).finally(() => socket.terminate());
}
