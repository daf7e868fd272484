/**
 * Several instances on one PostgreSQL: every client sees every write, whichever instance took it,
 * over both bus adapters; an instance killed with SIGKILL leaves the others serving; clients move.
 */
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { deepEqual } from '../../server/live/diffResult.js';
import type { JsonValue, LiveResult } from '../../server/live/liveResult.js';
import { authorizationOf, http, mutate, subscribeLive, wsClient, type LiveSubscription, initMessage } from '../support/clients.js';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../support/postgres.js';
import { REDIS_URL, redisAvailable, withRedis } from '../support/redis.js';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.js';
import { createQueue, withTimeout } from '../support/waitFor.js';

const hasPostgres = await postgresAvailable();
const hasRedis = await redisAvailable();

const DOC = 'query($id: ID!) @live { document(id: $id) { id title revision sections { id heading } } }';

/** Takes messages until the client's state equals a fresh query on `httpUrl` (bounded). */
async function converge(s: LiveSubscription, httpUrl: string, variables: Record<string, unknown>) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const fresh = (await http(httpUrl, DOC.replace(' @live', ''), variables)).body.data as JsonValue;
    if (deepEqual(s.state, fresh)) return;
    if (Date.now() > deadline) expect(s.state).toEqual(fresh);
    await s.next(3_000).catch((error: unknown) => {
      if (!(error instanceof Error && error.message.startsWith('Timed out'))) throw error;
    });
  }
}

/** A live query sending `resume` as its token; its payloads raw, in order. */
function rawLive(c: Client, variables: Record<string, unknown>, resume?: string) {
  const payloads = createQueue<LiveResult & { extensions?: { live?: { resume?: string } } }>();
  const extensions = resume === undefined ? undefined : { live: { resume } };
  c.subscribe({ query: DOC, variables, extensions }, { next: (value) => payloads.push(value as never), error: () => {}, complete: () => {} });
  return { take: () => payloads.take(10_000, 'a live result') };
}

for (const bus of ['postgres', 'redis'] as const) {
  const available = hasPostgres && (bus === 'postgres' || hasRedis);
  describe.skipIf(!available)(`two instances, ${bus} bus`, () => {
    let database: TempDatabase;
    let a: ServerProcess;
    let b: ServerProcess;
    let sql: pg.Client;
    const clients: Client[] = [];
    /** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
    const cleanups: (() => Promise<unknown>)[] = [];

    beforeAll(async () => {
      database = await createTempDatabase();
      cleanups.push(() => database.drop());
      const env = { DATABASE_URL: database.url, BUS: bus, REDIS_URL, NODE_ENV: 'production' };
      a = await startServerProcess({ ...env, SEED: 'true' });
      cleanups.push(() => a.stop());
      b = await startServerProcess(env);
      cleanups.push(() => b.stop());
      sql = new pg.Client({ connectionString: database.url });
      cleanups.push(() => sql.end());
      await sql.connect();
    }, 60_000);
    afterAll(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
    });
    const client = (url: string) => {
      const c = wsClient(url);
      clients.push(c);
      return c;
    };

    it('a client on B receives the patch for a mutation made through A', async () => {
      const created = await mutate(a.httpUrl, 'mutation { createDocument(input: { title: "Through A" }) { id } }');
      const id = (created.createDocument as { id: string }).id;
      const s = subscribeLive(client(b.wsUrl), DOC, { id });
      await s.next();
      await mutate(a.httpUrl, 'mutation($id: ID!) { addSection(documentId: $id, input: { heading: "from A", body: "" }) { id } }', { id });
      await s.next();
      expect(s.state).toMatchObject({ document: { title: 'Through A', sections: [{ heading: 'from A' }] } });
    });

    it('a psql UPDATE reaches clients on both instances', async () => {
      const created = await mutate(b.httpUrl, 'mutation { createDocument(input: { title: "Before" }) { id } }');
      const id = (created.createDocument as { id: string }).id;
      const onA = subscribeLive(client(a.wsUrl), DOC, { id });
      const onB = subscribeLive(client(b.wsUrl), DOC, { id });
      await Promise.all([onA.next(), onB.next()]);
      await sql.query('UPDATE documents SET title = $1 WHERE id = $2', ['From psql', id]);
      await Promise.all([onA.next(), onB.next()]);
      expect(onA.state).toEqual(onB.state);
      expect(onA.state).toMatchObject({ document: { title: 'From psql' } });
    });

    it('a client moving from A to B resumes there: the patch it missed, or an empty patch', async () => {
      const created = await mutate(a.httpUrl, 'mutation { createDocument(input: { title: "Moving" }) { id } }');
      const id = (created.createDocument as { id: string }).id;
      const onB = subscribeLive(client(b.wsUrl), DOC, { id }); // B's group sees every state too
      await onB.next();
      const onA = rawLive(client(a.wsUrl), { id });
      const before = await onA.take();
      await mutate(a.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "Moved" }) { id } }', { id });
      const after = await onA.take();
      await onB.next();
      // The token of the state before the rename: B's log holds the patch from there.
      const missed = await rawLive(client(b.wsUrl), { id }, before.extensions?.live?.resume).take();
      expect(missed.revision).toBe(2);
      expect('patch' in missed && missed.patch).toContainEqual({ op: 'replace', path: '/document/title', value: 'Moved' });
      // The token of the current state: nothing to send but the confirmation.
      const current = await rawLive(client(b.wsUrl), { id }, after.extensions?.live?.resume).take();
      expect(current).toMatchObject({ revision: 3, patch: [] });
    });

    it('readyz reports store and bus', async () => {
      const response = await fetch(a.httpUrl.replace('/graphql', '/readyz'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', store: true, bus: true });
    });
  });
}

describe.skipIf(!hasPostgres)('an instance dies (SIGKILL)', () => {
  it('the other keeps serving; a client that was on the dead one reconnects to it and converges', async () => {
    const database = await createTempDatabase();
    const env = { DATABASE_URL: database.url, BUS: 'postgres' };
    const a = await startServerProcess(env);
    const b = await startServerProcess(env);
    const urls = [a.wsUrl, b.wsUrl];
    let connections = 0;
    // A load balancer in miniature: the first connection goes to A, reconnects go to B.
    const movingClient = createClient({
      url: () => urls[Math.min(connections++, 1)]!,
      webSocketImpl: WebSocket,
      retryAttempts: 20,
      retryWait: async () => new Promise((resolve) => setTimeout(resolve, 50)),
      shouldRetry: () => true,
      connectionParams: async () => ({ authorization: await authorizationOf() }),
    });
    try {
      const created = await mutate(a.httpUrl, 'mutation { createDocument(input: { title: "Survives" }) { id } }');
      const id = (created.createDocument as { id: string }).id;
      const s = subscribeLive(movingClient, DOC, { id }, { restarts: true });
      await s.next();
      a.child.kill('SIGKILL');
      expect(await withTimeout(a.exited, 5_000, 'A to die')).toBe('SIGKILL');
      // Writes keep landing through B while the client moves over.
      await mutate(b.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "After the crash" }) { id } }', { id });
      await mutate(b.httpUrl, 'mutation($id: ID!) { addSection(documentId: $id, input: { heading: "one", body: "" }) { id } }', { id });
      await converge(s, b.httpUrl, { id });
      expect(s.state).toMatchObject({ document: { title: 'After the crash', sections: [{ heading: 'one' }] } });
      expect(connections).toBeGreaterThanOrEqual(2);
    } finally {
      await movingClient.dispose();
      await Promise.all([a.stop(), b.stop()]);
      await database.drop();
    }
  }, 60_000);
});

describe.skipIf(!hasPostgres || !hasRedis)('Redis connection killed mid-stream', () => {
  it('after it returns every client converges and nothing written is lost', async () => {
    const database = await createTempDatabase();
    const env = { DATABASE_URL: database.url, BUS: 'redis', REDIS_URL };
    const a = await startServerProcess(env);
    const b = await startServerProcess(env);
    const clients = [wsClient(a.wsUrl), wsClient(b.wsUrl)];
    try {
      const created = await mutate(a.httpUrl, 'mutation { createDocument(input: { title: "t0" }) { id } }');
      const id = (created.createDocument as { id: string }).id;
      const subs = clients.map((c) => subscribeLive(c, DOC, { id }));
      for (const s of subs) await s.next();
      const writes: Promise<unknown>[] = [];
      for (let i = 1; i <= 20; i++) {
        if (i === 10) await withRedis((admin) => admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub'));
        writes.push(mutate(i % 2 ? a.httpUrl : b.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: `t${i}` }));
      }
      await Promise.all(writes);
      for (const s of subs) await converge(s, a.httpUrl, { id });
      const final = (await http(b.httpUrl, 'query($id: ID!) { document(id: $id) { revision } }', { id })).body.data;
      expect(final).toEqual({ document: { revision: 21 } });
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
      await Promise.all([a.stop(), b.stop()]);
      await database.drop();
    }
  }, 60_000);
});

describe.skipIf(!hasPostgres)('graceful shutdown (SIGTERM)', () => {
  it('closes sockets with 1001 and exits 0', async () => {
    const database = await createTempDatabase();
    const a = await startServerProcess({ DATABASE_URL: database.url });
    try {
      const socket = new WebSocket(a.wsUrl, 'graphql-transport-ws');
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(await initMessage());
      await new Promise((resolve) => socket.once('message', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      a.child.kill('SIGTERM');
      expect(await withTimeout(closed, 5_000, 'the socket to close')).toBe(1001);
      expect(await withTimeout(a.exited, 10_000, 'the process to exit')).toBe(0);
    } finally {
      await a.stop();
      await database.drop();
    }
  }, 30_000);
});
