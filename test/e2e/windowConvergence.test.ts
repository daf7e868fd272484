/**
 * Property: live windows stay exact. For random sequences of row inserts, deletes, value changes
 * (which move rows in value order, in and out of windows) and label changes, every live window — the
 * first and second page of each order, and of documents under creates, deletes, retitles and retags —
 * equals a fresh query of the same window at every quiet point.
 */
import fc from 'fast-check';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { JsonValue } from '../../server/live/liveResult.js';
import { http, mutate, subscribeLive, wsClient, type LiveSubscription } from '../support/clients.js';
import { converge } from '../support/converge.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createTempDatabase, postgresAvailable, type TempDatabase } from '../support/postgres.js';

const hasPostgres = await postgresAvailable();

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ seed: false });
}, 60_000);
afterAll(async () => {
  await t.dispose();
});

const ORDERS = ['POSITION_ASC', 'POSITION_DESC', 'VALUE_ASC', 'VALUE_DESC'] as const;
const PAGE = 4;

type RowCommand =
  | { kind: 'insert'; values: number[] }
  | { kind: 'delete'; row: number }
  | { kind: 'setValue'; row: number; value: number }
  | { kind: 'relabel'; row: number; label: string };

// Few distinct values: ties, whose order is the rows' position, are common.
const value = fc.integer({ min: 0, max: 6 });
const row = fc.nat({ max: 40 });
const rowCommand: fc.Arbitrary<RowCommand> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), values: fc.array(value, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), row }),
  fc.record({ kind: fc.constant('setValue' as const), row, value }),
  fc.record({ kind: fc.constant('setValue' as const), row, value }),
  fc.record({ kind: fc.constant('relabel' as const), row, label: fc.constantFrom('a', 'b', 'c') }),
);

async function data(query: string, variables?: Record<string, unknown>): Promise<JsonValue> {
  const { body } = await http(t.server.httpUrl, query, variables);
  if (body.errors) throw new Error(`fresh query failed: ${JSON.stringify(body.errors)}`);
  return body.data as JsonValue;
}

const ROWS = `query($id: ID!, $after: String, $order: RowOrder!) @live {
  dataset(id: $id) { rows(first: ${PAGE}, after: $after, orderBy: $order) { nodes { id label value } pageInfo { endCursor hasNextPage } totalCount } }
}`;

async function rowIds(datasetId: string): Promise<string[]> {
  const result = (await data(`{ dataset(id: "${datasetId}") { rows(first: 1000) { nodes { id } } } }`)) as { dataset: { rows: { nodes: { id: string }[] } } };
  return result.dataset.rows.nodes.map((r) => r.id);
}

async function applyRows(datasetId: string, cmd: RowCommand): Promise<void> {
  const ids = await rowIds(datasetId);
  const id = 'row' in cmd ? ids[cmd.row % Math.max(1, ids.length)] : undefined;
  const upsert = 'mutation($d: ID!, $rows: [RowInput!]!) { upsertRows(datasetId: $d, rows: $rows) { id } }';
  switch (cmd.kind) {
    case 'insert':
      await mutate(t.server.httpUrl, upsert, { d: datasetId, rows: cmd.values.map((v) => ({ label: `v${v}`, value: v })) });
      return;
    case 'delete':
      if (id) await mutate(t.server.httpUrl, 'mutation($ids: [ID!]!) { deleteRows(ids: $ids) }', { ids: [id] });
      return;
    case 'setValue':
      if (id) await mutate(t.server.httpUrl, 'mutation($id: ID!, $v: Float!) { setRowValue(id: $id, value: $v) { id } }', { id, v: cmd.value });
      return;
    case 'relabel':
      if (id) {
        const { dataset } = (await data(`{ dataset(id: "${datasetId}") { rows(first: 1000) { nodes { id value } } } }`)) as {
          dataset: { rows: { nodes: { id: string; value: number }[] } };
        };
        const current = dataset.rows.nodes.find((r) => r.id === id);
        if (current) await mutate(t.server.httpUrl, upsert, { d: datasetId, rows: [{ id, label: cmd.label, value: current.value }] });
      }
      return;
  }
}

/** Live windows and the fresh query each is checked against. */
type Watched = { s: LiveSubscription; fresh: () => Promise<JsonValue> };

function watch(client: Client, query: string, variables: Record<string, unknown>): Watched {
  const plain = query.replace(' @live', '');
  return { s: subscribeLive(client, query, variables), fresh: () => data(plain, variables) };
}

/** Applies `commands` in chunks, every window converging after each chunk (a quiet point). */
async function runChunks<C>(commands: readonly C[], watched: readonly Watched[], apply: (cmd: C) => Promise<void>): Promise<void> {
  for (const { s } of watched) await s.next();
  for (let i = 0; i < commands.length; i += 3) {
    for (const cmd of commands.slice(i, i + 3)) await apply(cmd);
    for (const { s, fresh } of watched) await converge(s, fresh);
  }
}

/** The rows property: random row commands against the first and second window of every order. */
async function rowsProperty(numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(value, { minLength: 6, maxLength: 14 }), fc.array(rowCommand, { minLength: 1, maxLength: 12 }), async (initial, commands) => {
      const created = await mutate(t.server.httpUrl, 'mutation { createDataset(name: "converging") { id } }');
      const datasetId = (created.createDataset as { id: string }).id;
      await applyRows(datasetId, { kind: 'insert', values: initial });
      const clients = [wsClient(t.server.wsUrl), wsClient(t.server.wsUrl)];
      const watched: Watched[] = [];
      try {
        for (const [i, order] of ORDERS.entries()) {
          const first = (await data(ROWS.replace(' @live', ''), { id: datasetId, order })) as { dataset: { rows: { pageInfo: { endCursor: string } } } };
          watched.push(watch(clients[i % 2]!, ROWS, { id: datasetId, order }));
          watched.push(watch(clients[(i + 1) % 2]!, ROWS, { id: datasetId, order, after: first.dataset.rows.pageInfo.endCursor }));
        }
        await runChunks(commands, watched, (cmd) => applyRows(datasetId, cmd));
      } finally {
        for (const { s } of watched) s.dispose();
        await Promise.all(clients.map((c) => c.dispose()));
      }
    }),
    { numRuns },
  );
}

describe('live windows converge under random changes', () => {
  it('rows: the first and second window of every order', () => rowsProperty(10), 180_000);

  type DocCommand = { kind: 'create'; tag: string } | { kind: 'delete'; doc: number } | { kind: 'retag'; doc: number; tag: string; title: string };
  const tag = fc.constantFrom('red', 'blue');
  const docCommand: fc.Arbitrary<DocCommand> = fc.oneof(
    fc.record({ kind: fc.constant('create' as const), tag }),
    fc.record({ kind: fc.constant('create' as const), tag }),
    fc.record({ kind: fc.constant('delete' as const), doc: fc.nat({ max: 9 }) }),
    fc.record({ kind: fc.constant('retag' as const), doc: fc.nat({ max: 9 }), tag, title: fc.constantFrom('x', 'y') }),
  );

  async function applyDocs(cmd: DocCommand): Promise<void> {
    const { documents } = (await data('{ documents(first: 10) { nodes { id } } }')) as { documents: { nodes: { id: string }[] } };
    const id = 'doc' in cmd ? documents.nodes[cmd.doc % Math.max(1, documents.nodes.length)]?.id : undefined;
    if (cmd.kind === 'create') {
      await mutate(t.server.httpUrl, 'mutation($g: String!) { createDocument(input: { title: "new", tags: [$g] }) { id } }', { g: cmd.tag });
    } else if (cmd.kind === 'delete') {
      if (id) await mutate(t.server.httpUrl, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id });
    } else if (id) {
      await mutate(t.server.httpUrl, 'mutation($id: ID!, $t: String!, $g: String!) { updateDocument(id: $id, input: { title: $t, tags: [$g] }) { id } }', { id, t: cmd.title, g: cmd.tag });
    }
  }

  const DOCS = `query($tag: String, $after: String) @live {
    documents(first: 3, tag: $tag, after: $after) { nodes { id title tags } pageInfo { endCursor hasNextPage } totalCount }
  }`;

  it('documents: the first and second window, with and without a tag', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(docCommand, { minLength: 1, maxLength: 9 }), async (commands) => {
        for (let i = 0; i < 4; i++) await applyDocs({ kind: 'create', tag: i % 2 ? 'red' : 'blue' });
        const client = wsClient(t.server.wsUrl);
        const watched: Watched[] = [];
        try {
          for (const tagged of [null, 'red']) {
            const first = (await data(DOCS.replace(' @live', ''), { tag: tagged })) as { documents: { pageInfo: { endCursor: string } } };
            watched.push(watch(client, DOCS, { tag: tagged }));
            watched.push(watch(client, DOCS, { tag: tagged, after: first.documents.pageInfo.endCursor }));
          }
          await runChunks(commands, watched, applyDocs);
        } finally {
          for (const { s } of watched) s.dispose();
          await client.dispose();
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});

// On PostgreSQL the committed rows come through NOTIFY, not from the store itself: the guards of
// windows by value read them there.
describe.skipIf(!hasPostgres)('live windows converge under random changes, on PostgreSQL', () => {
  let embedded: TestServer;
  let database: TempDatabase | undefined;
  beforeAll(async () => {
    database = await createTempDatabase();
    embedded = t;
    t = await startTestServer({ databaseUrl: database.url, seed: false });
  }, 60_000);
  afterAll(async () => {
    if (t !== embedded) await t.dispose();
    t = embedded;
    await database?.drop();
  });

  it('rows: the first and second window of every order', () => rowsProperty(5), 180_000);
});
