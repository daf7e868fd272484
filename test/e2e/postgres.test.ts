import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, LivePatchResult } from '../../server/live/liveResult.js';
import { http, mutate, subscribeLive, wsClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../support/postgres.js';

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('live queries on PostgreSQL', () => {
  let database: TempDatabase;
  let t: TestServer;
  let sql: pg.Client;
  const clients: Client[] = [];
  /** What beforeAll opened, closed newest first (a setup that failed part-way closes what it opened). */
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTempDatabase();
    cleanups.push(() => database.drop());
    t = await startTestServer({ databaseUrl: database.url, seed: true });
    cleanups.push(() => t.dispose());
    sql = new pg.Client({ connectionString: database.url });
    cleanups.push(() => sql.end());
    await sql.connect();
  });
  afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  function client(): Client {
    const c = wsClient(t.server.wsUrl);
    clients.push(c);
    return c;
  }

  it('seeds sample documents and a 1,000-row dataset', async () => {
    const r = await http(t.server.httpUrl, '{ documents { totalCount } datasets { id rowCount summary { count } } }');
    expect((r.body.data?.documents as { totalCount: number }).totalCount).toBeGreaterThan(0);
    expect(r.body.data?.datasets).toEqual([expect.objectContaining({ rowCount: 1000, summary: { count: 1000 } })]);
  });

  it('a direct SQL UPDATE (as from psql) reaches a live client as a patch', async () => {
    const created = await mutate(t.server.httpUrl, 'mutation { createDocument(input: { title: "Before" }) { id } }');
    const id = (created.createDocument as { id: string }).id;
    const s = subscribeLive(client(), 'query($id: ID!) @live { document(id: $id) { title revision } }', { id });
    await s.next();
    await sql.query('UPDATE documents SET title = $1 WHERE id = $2', ['Written in psql', id]);
    const patch = (await s.next()) as LivePatchResult;
    expect(patch.patch).toEqual([
      { op: 'replace', path: '/document/title', value: 'Written in psql' },
      { op: 'replace', path: '/document/revision', value: 2 },
    ]);
  });

  it('a document(id:) query that returned null goes live when the row is inserted by SQL', async () => {
    const s = subscribeLive(client(), 'query @live { document(id: "made-in-sql") { id title sections { heading } } }');
    await s.next();
    expect(s.state).toEqual({ document: null });
    await sql.query(`INSERT INTO documents (id, title, body, tags, owner, visibility) VALUES ('made-in-sql', 'Late', '', '{}', 'system', 'PUBLIC')`);
    await s.next();
    expect(s.state).toEqual({ document: { id: 'made-in-sql', title: 'Late', sections: [] } });
    await sql.query(`INSERT INTO sections (id, document_id, heading, body, position) VALUES ('sql-s1', 'made-in-sql', 'From SQL', '', 0)`);
    await s.next();
    expect((s.state?.document as JsonObject).sections).toEqual([{ heading: 'From SQL' }]);
  });

  it('a rolled-back SQL write reaches nobody, and the next committed one does', async () => {
    const created = await mutate(t.server.httpUrl, 'mutation { createDocument(input: { title: "Tx" }) { id } }');
    const id = (created.createDocument as { id: string }).id;
    const s = subscribeLive(client(), 'query($id: ID!) @live { document(id: $id) { title } }', { id });
    await s.next();
    await sql.query('BEGIN');
    await sql.query('UPDATE documents SET title = $1 WHERE id = $2', ['rolled back', id]);
    await sql.query('ROLLBACK');
    await sql.query('UPDATE documents SET title = $1 WHERE id = $2', ['committed', id]);
    await s.next();
    expect(s.state).toEqual({ document: { title: 'committed' } });
    expect(s.pending).toEqual([]);
  });
});

describe.skipIf(!hasPostgres)('restart on PostgreSQL', () => {
  it('keeps the data, and does not seed again', async () => {
    const database = await createTempDatabase();
    try {
      const first = await startTestServer({ databaseUrl: database.url, seed: true });
      const before = await http(first.server.httpUrl, '{ documents { totalCount } }');
      const created = await mutate(first.server.httpUrl, 'mutation { createDocument(input: { title: "Survivor" }) { id } }');
      await first.dispose();
      const second = await startTestServer({ databaseUrl: database.url, seed: true });
      try {
        const id = (created.createDocument as { id: string }).id;
        const after = await http(second.server.httpUrl, '{ documents { totalCount } }');
        expect((after.body.data?.documents as { totalCount: number }).totalCount).toBe((before.body.data?.documents as { totalCount: number }).totalCount + 1);
        const doc = await http(second.server.httpUrl, 'query($id: ID!) { document(id: $id) { title } }', { id });
        expect(doc.body.data).toEqual({ document: { title: 'Survivor' } });
      } finally {
        await second.dispose();
      }
    } finally {
      await database.drop();
    }
  });
});
