/**
 * Live results per viewer, as a property over real sockets: several viewers (and an anonymous one)
 * watch a list and each document while the owner shares, unshares, changes visibility and edits, in
 * random order — through the API, and on PostgreSQL also directly in SQL. At every quiet point each
 * viewer's live state equals a fresh query by that viewer, and no state a viewer ever held showed a
 * document (or a title of it) at a moment when the viewer could not read it.
 */
import type { Client } from 'graphql-ws';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepEqual } from '../../server/live/diffResult.js';
import type { JsonObject } from '../../server/live/liveResult.js';
import { http, mutate, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../support/postgres.js';

const OWNER = 'ann';
/** The viewers watching; null is anonymous. */
const VIEWERS = ['bob', 'cy', null, OWNER] as const;
type ViewerId = (typeof VIEWERS)[number];
const DOCS = 3;
const LIST = 'query @live { documents { nodes { id title } } }';
const ONE = 'query($id: ID!) @live { document(id: $id) { id title } }';

type Role = 'READER' | 'EDITOR';
type Command =
  | { kind: 'share'; doc: number; viewer: 'bob' | 'cy'; role: Role; sql: boolean }
  | { kind: 'unshare'; doc: number; viewer: 'bob' | 'cy'; sql: boolean }
  | { kind: 'visibility'; doc: number; visibility: 'PUBLIC' | 'PRIVATE'; sql: boolean }
  | { kind: 'retitle'; doc: number; title: string };

function commands(withSql: boolean): fc.Arbitrary<Command[]> {
  const doc = fc.nat({ max: DOCS - 1 });
  const viewer = fc.constantFrom('bob' as const, 'cy' as const);
  const sql = withSql ? fc.boolean() : fc.constant(false);
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('share' as const), doc, viewer, role: fc.constantFrom<Role>('READER', 'EDITOR'), sql }),
    fc.record({ kind: fc.constant('unshare' as const), doc, viewer, sql }),
    fc.record({ kind: fc.constant('visibility' as const), doc, visibility: fc.constantFrom('PUBLIC' as const, 'PRIVATE' as const), sql }),
    fc.record({ kind: fc.constant('retitle' as const), doc, title: fc.stringMatching(/^[a-z]{1,8}$/) }),
  );
  return fc.array(command, { minLength: 1, maxLength: 8 });
}

/** What the test knows of one document: who may read it and what its title is. */
interface DocModel {
  id: string;
  title: string;
  visibility: 'PUBLIC' | 'PRIVATE';
  shares: Map<string, Role>;
}

function readable(doc: DocModel, viewer: ViewerId): boolean {
  return doc.visibility === 'PUBLIC' || viewer === OWNER || (viewer !== null && doc.shares.has(viewer));
}

/** A viewer's watched queries and, per document, the titles it could read since the last quiet point. */
interface Watcher {
  viewer: ViewerId;
  subs: { s: LiveSubscription; query: string; variables?: Record<string, unknown> }[];
  allowed: Map<string, Set<string>>;
}

function suite(name: string, withSql: boolean, setUp: () => Promise<{ t: TestServer; sql?: pg.Client; close(): Promise<void> }>) {
  describe(name, () => {
    let t: TestServer;
    let sql: pg.Client | undefined;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const setup = await setUp();
      ({ t, sql } = setup);
      close = () => setup.close();
    });
    afterAll(async () => {
      await close();
    });

    async function run(cmd: Command, docs: DocModel[]): Promise<void> {
      const doc = docs[cmd.doc]!;
      const as = { as: OWNER };
      if (cmd.kind === 'retitle') {
        await mutate(t.server.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id: doc.id, t: cmd.title }, as);
        doc.title = cmd.title;
      } else if (cmd.kind === 'share') {
        if (cmd.sql && sql) {
          await sql.query(
            `INSERT INTO document_shares (document_id, viewer_id, role) VALUES ($1, $2, $3)
             ON CONFLICT (document_id, viewer_id) DO UPDATE SET role = excluded.role`,
            [doc.id, cmd.viewer, cmd.role],
          );
        } else {
          await mutate(t.server.httpUrl, 'mutation($id: ID!, $v: ID!, $r: ShareRole!) { shareDocument(id: $id, viewerId: $v, role: $r) { id } }', { id: doc.id, v: cmd.viewer, r: cmd.role }, as);
        }
        doc.shares.set(cmd.viewer, cmd.role);
      } else if (cmd.kind === 'unshare') {
        if (cmd.sql && sql) await sql.query('DELETE FROM document_shares WHERE document_id = $1 AND viewer_id = $2', [doc.id, cmd.viewer]);
        else await mutate(t.server.httpUrl, 'mutation($id: ID!, $v: ID!) { unshareDocument(id: $id, viewerId: $v) { id } }', { id: doc.id, v: cmd.viewer }, as);
        doc.shares.delete(cmd.viewer);
      } else {
        if (cmd.sql && sql) await sql.query('UPDATE documents SET visibility = $1 WHERE id = $2', [cmd.visibility, doc.id]);
        else await mutate(t.server.httpUrl, 'mutation($id: ID!, $v: Visibility!) { setDocumentVisibility(id: $id, visibility: $v) { id } }', { id: doc.id, v: cmd.visibility }, as);
        doc.visibility = cmd.visibility;
      }
    }

    /** Notes, after a commit, which titles each viewer may now have seen. */
    function noteReadable(watchers: Watcher[], docs: DocModel[]): void {
      for (const w of watchers) {
        for (const doc of docs) if (readable(doc, w.viewer)) w.allowed.get(doc.id)!.add(doc.title);
      }
    }

    /** Fails when a state shows a document, or a title of it, the viewer could not read. */
    function checkNoLeak(w: Watcher, state: JsonObject | null): void {
      const shown: { id: string; title: string }[] = [];
      const data = state as { documents?: { nodes: { id: string; title: string }[] }; document?: { id: string; title: string } | null } | null;
      if (data?.documents) shown.push(...data.documents.nodes);
      if (data?.document) shown.push(data.document);
      for (const { id, title } of shown) {
        const allowed = w.allowed.get(id);
        if (!allowed) continue; // a document outside the test (none are made)
        expect(allowed.has(title), `${w.viewer ?? 'anonymous'} was shown ${id} titled "${title}" (readable titles: ${[...allowed].join(', ') || 'none'})`).toBe(true);
      }
    }

    /** Applies messages until the state equals a fresh query by the same viewer (bounded), checking each state. */
    async function converge(w: Watcher, sub: Watcher['subs'][number]): Promise<void> {
      const plain = sub.query.replace(' @live', '');
      const deadline = Date.now() + 5_000;
      for (;;) {
        while (sub.s.pending.length > 0) {
          await sub.s.next();
          checkNoLeak(w, sub.s.state);
        }
        const fresh = (await http(t.server.httpUrl, plain, sub.variables, { as: w.viewer })).body.data ?? null;
        if (deepEqual(sub.s.state, fresh)) return;
        if (Date.now() > deadline) expect(sub.s.state).toEqual(fresh);
        await sub.s.next(2_000).then(
          () => checkNoLeak(w, sub.s.state),
          (error: unknown) => {
            if (!(error instanceof Error && error.message.startsWith('Timed out'))) throw error;
          },
        );
      }
    }

    it('every viewer converges to its own fresh result and never holds what it may not read', async () => {
      let run_ = 0;
      await fc.assert(
        fc.asyncProperty(commands(withSql), async (sequence) => {
          run_++;
          const docs: DocModel[] = [];
          for (let i = 0; i < DOCS; i++) {
            const created = await mutate(t.server.httpUrl, 'mutation($t: String!) { createDocument(input: { title: $t }) { id } }', { t: `r${run_}d${i}` }, { as: OWNER });
            docs.push({ id: (created.createDocument as { id: string }).id, title: `r${run_}d${i}`, visibility: 'PRIVATE', shares: new Map() });
          }
          const clients: Client[] = [];
          const watchers: Watcher[] = VIEWERS.map((viewer) => {
            const client = wsClient(t.server.wsUrl, { as: viewer });
            clients.push(client);
            const subs = [
              { s: subscribeLive(client, LIST), query: LIST },
              ...docs.map((doc) => ({ s: subscribeLive(client, ONE, { id: doc.id }), query: ONE, variables: { id: doc.id } })),
            ];
            return { viewer, subs, allowed: new Map(docs.map((doc) => [doc.id, new Set<string>()])) };
          });
          try {
            noteReadable(watchers, docs);
            for (const w of watchers) for (const sub of w.subs) await converge(w, sub);
            for (const cmd of sequence) {
              await run(cmd, docs);
              noteReadable(watchers, docs);
            }
            for (const w of watchers) for (const sub of w.subs) await converge(w, sub);
          } finally {
            for (const w of watchers) for (const sub of w.subs) sub.s.dispose();
            await Promise.all(clients.map((c) => c.dispose()));
            // Other runs' documents stay private to ann: delete them so lists stay small.
            for (const doc of docs) await mutate(t.server.httpUrl, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id: doc.id }, { as: OWNER });
          }
        }),
        { numRuns: 8 },
      );
      expect(t.server.engine.stats().subscribers).toBe(0);
    }, 180_000);
  });
}

suite('live results per viewer (PGlite, through the API)', false, async () => {
  const t = await startTestServer({ seed: false });
  return { t, close: () => t.dispose() };
});

const hasPostgres = await postgresAvailable();
if (hasPostgres) {
  suite('live results per viewer (PostgreSQL, through the API and in SQL)', true, async () => {
    const database: TempDatabase = await createTempDatabase();
    const t = await startTestServer({ databaseUrl: database.url, seed: false });
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    return {
      t,
      sql,
      async close() {
        await sql.end();
        await t.dispose();
        await database.drop();
      },
    };
  });
}
