/**
 * Three instances on one PostgreSQL with the Redis bus: a write through A carries its committed rows
 * over Redis, so B and C patch their watchers without reading the document back (their store sends no
 * statement); a malformed bus message is dropped with a warning, a record that does not fit its type
 * becomes a keys-only invalidation, and neither harms anyone.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, mutate, subscribeLive, wsClient } from '../support/clients.js';
import { createTempDatabase, postgresAvailable } from '../support/postgres.js';
import { REDIS_URL, redisAvailable, withRedis } from '../support/redis.js';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';

const available = (await postgresAvailable()) && (await redisAvailable());
const DOC = 'query($id: ID!) @live { document(id: $id) { id title revision } }';
const RENAME = 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }';
const METRICS_TOKEN = 'scale-out-records-token';
/** A channel of this suite's own: other suites' instances on the same Redis publish on the default one. */
const CHANNEL = `livedoc:test:${randomUUID()}`;

/** The statements an instance's store has sent so far (`livedoc_store_statements_total`). */
async function statements(server: ServerProcess): Promise<number> {
  const response = await fetch(server.httpUrl.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const match = /^livedoc_store_statements_total (\d+)/m.exec(await response.text());
  if (!match?.[1]) throw new Error('no livedoc_store_statements_total in /metrics');
  return Number(match[1]);
}

describe.skipIf(!available)('three instances, Redis bus: the change carries what the instances need', () => {
  const servers: ServerProcess[] = [];
  const clients: Client[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const database = await createTempDatabase();
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, BUS: 'redis', REDIS_URL, REDIS_CHANNEL: CHANNEL, NODE_ENV: 'production', METRICS_TOKEN };
    for (let i = 0; i < 3; i++) {
      const server = await startServerProcess(env);
      servers.push(server);
      cleanups.push(() => server.stop());
    }
  }, 90_000);
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  const watch = (server: ServerProcess, id: string) => {
    const c = wsClient(server.wsUrl);
    clients.push(c);
    return subscribeLive(c, DOC, { id });
  };

  it('a write through A reaches watchers on A, B and C, and B and C send the database nothing', async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const created = await mutate(a.httpUrl, 'mutation { createDocument(input: { title: "t0" }) { id } }');
    const id = (created.createDocument as { id: string }).id;
    const watchers = [watch(a, id), watch(b, id), watch(c, id)];
    for (const w of watchers) await w.next();
    for (let round = 1; round <= 3; round++) {
      const before = await Promise.all([b, c].map(statements));
      await mutate(a.httpUrl, RENAME, { id, t: `t${round}` });
      for (const w of watchers) {
        await w.next();
        expect(w.state).toEqual({ document: { id, title: `t${round}`, revision: round + 1 } });
      }
      expect(await Promise.all([b, c].map(statements))).toEqual(before);
    }
  });

  it('drops malformed messages with a warning, reads back a record that does not fit, and goes on', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const created = await mutate(a.httpUrl, 'mutation { createDocument(input: { title: "kept" }) { id } }');
    const id = (created.createDocument as { id: string }).id;
    const onB = watch(b, id);
    await onB.next();
    const key = `Document:${id}`;
    const forged = { id, title: 'forged', body: '', tags: [], revision: 'many', owner: null, visibility: 'PUBLIC', updated_at: 'x' };
    await withRedis(async (redis) => {
      for (const message of ['not json', '{"keys": ["Document:x"]}', '[1, 2]', '[]', '"Document:x"']) {
        await redis.publish(CHANNEL, message);
      }
      // Keys with a record that is not a document: the key still invalidates, the document is read back.
      await redis.publish(CHANNEL, JSON.stringify([key, { records: { [key]: forged } }]));
    });
    await waitFor(() => b.output().includes('ignored a malformed redis bus message'), 10_000, 'the warning');
    await mutate(a.httpUrl, RENAME, { id, t: 'after' });
    // The forged record's invalidation changed nothing, so the next message is the write's.
    await onB.next();
    expect(onB.state).toMatchObject({ document: { title: 'after' } });
    expect(onB.state).toEqual((await http(b.httpUrl, DOC.replace(' @live', ''), { id })).body.data);
  });
});
