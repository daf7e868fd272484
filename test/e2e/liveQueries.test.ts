import { applyLiveQueryJSONPatch } from '@n1ru4l/graphql-live-query-patch-json-patch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, LivePatchResult } from '../../server/live/liveResult.js';
import { http, mutate, subscribeLive, wsClient } from '../support/clients.js';
import { createLiveTracker } from '../support/liveTracker.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { waitFor } from '../support/waitFor.js';
import { withToken } from '../support/resumeToken.js';

let t: TestServer;
const tracker = createLiveTracker(() => t.server.wsUrl);
const { live, client } = tracker;

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  await tracker.release();
  // Every unsubscribe released its group, keys and timers.
  await waitFor(() => t.server.engine.stats().groups === 0, 3_000, 'all live groups released');
  expect(t.server.engine.stats()).toMatchObject({ groups: 0, subscribers: 0, indexedKeys: 0, pendingTimers: 0 });
});

async function createDocument(title: string, tags: string[] = []): Promise<string> {
  const data = await mutate(
    t.server.httpUrl,
    'mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }',
    { input: { title, body: `${title} body`, tags } },
  );
  return (data.createDocument as { id: string }).id;
}
async function addSection(documentId: string, heading: string, position?: number): Promise<string> {
  const data = await mutate(
    t.server.httpUrl,
    'mutation($d: ID!, $h: String!, $p: Int) { addSection(documentId: $d, input: { heading: $h, body: "" }, position: $p) { id } }',
    { d: documentId, h: heading, p: position },
  );
  return (data.addSection as { id: string }).id;
}

const DOC = 'query Doc($id: ID!) @live { document(id: $id) { id title revision sections { id heading } } }';

describe('live queries over graphql-ws', () => {
  it('sends the initial result, then a patch after an HTTP mutation', async () => {
    const id = await createDocument('First');
    const s = live(DOC, { id });
    const first = await s.next();
    expect(first).toEqual(withToken({ data: { document: { id, title: 'First', revision: 1, sections: [] } }, revision: 1 }));
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "Second" }) { id } }', { id });
    const second = (await s.next()) as LivePatchResult;
    expect(second.revision).toBe(2);
    expect(second.patch).toEqual([
      { op: 'replace', path: '/document/title', value: 'Second' },
      { op: 'replace', path: '/document/revision', value: 2 },
    ]);
  });

  it('a live documents list grows and shrinks with createDocument and deleteDocument', async () => {
    const s = live('query @live { documents(tag: "grow") { nodes { id title } } }');
    await s.next();
    expect(s.state).toEqual({ documents: { nodes: [] } });
    const a = await createDocument('A', ['grow']);
    await s.next();
    const b = await createDocument('B', ['grow']);
    const added = (await s.next()) as LivePatchResult;
    expect(added.patch).toEqual([{ op: 'add', path: '/documents/nodes/0', value: { id: b, title: 'B' } }]);
    expect(s.state).toEqual({ documents: { nodes: [{ id: b, title: 'B' }, { id: a, title: 'A' }] } });
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { deleteDocument(id: $id) }', { id: a });
    const removed = (await s.next()) as LivePatchResult;
    expect(removed.patch).toEqual([{ op: 'remove', path: '/documents/nodes/1' }]);
    // A tag change moves a document into or out of a filtered list.
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { tags: ["other"] }) { id } }', { id: b });
    await s.next();
    expect(s.state).toEqual({ documents: { nodes: [] } });
  });

  it('three clients watching one document all receive the same patch; the group executes once', async () => {
    const id = await createDocument('Shared');
    const subs = [live(DOC, { id }), live(DOC, { id }), live(DOC, { id })];
    for (const s of subs) await s.next();
    expect(t.server.engine.stats()).toMatchObject({ groups: 1, subscribers: 3 });
    const before = t.server.engine.stats().executions;
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "Changed" }) { id } }', { id });
    const patches = await Promise.all(subs.map((s) => s.next()));
    for (const p of patches) expect(p).toEqual(patches[0]);
    expect(t.server.engine.stats().executions - before).toBe(1);
    for (const s of subs) expect((s.state?.document as JsonObject).title).toBe('Changed');
  });

  it('section insert, move and remove each arrive as one op', async () => {
    const id = await createDocument('Sections');
    const sections: string[] = [];
    for (let i = 0; i < 30; i++) sections.push(await addSection(id, `S${i}`));
    const s = live('query($id: ID!) @live { document(id: $id) { sections { id heading } } }', { id });
    await s.next();

    const head = await addSection(id, 'Head', 0);
    expect(((await s.next()) as LivePatchResult).patch).toEqual([
      { op: 'add', path: '/document/sections/0', value: { id: head, heading: 'Head' } },
    ]);
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { moveSection(id: $id, position: 20) { id } }', { id: sections[3] });
    expect(((await s.next()) as LivePatchResult).patch).toEqual([
      { op: 'move', from: '/document/sections/4', path: '/document/sections/20' },
    ]);
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { removeSection(id: $id) }', { id: sections[10] });
    expect(((await s.next()) as LivePatchResult).patch).toEqual([{ op: 'remove', path: '/document/sections/10' }]);
    const fresh = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { sections { id heading } } }', { id });
    expect(s.state).toEqual(fresh.body.data);
  });

  it('the published @n1ru4l applier reconstructs the exact state from our messages', async () => {
    const id = await createDocument('Applier');
    const c = client();
    const query = 'query($id: ID!) @live { document(id: $id) { id title tags sections { id heading body } } }';
    const source = c.iterate({ query, variables: { id } });
    const applied = applyLiveQueryJSONPatch(source as never)[Symbol.asyncIterator]();
    const first = await applied.next();
    expect(first.value).toMatchObject({ data: { document: { title: 'Applier', sections: [] } } });
    const writes = [
      () => addSection(id, 'one'),
      () => addSection(id, 'zero', 0),
      () => mutate(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { tags: ["x", "y"], title: "T2" }) { id } }', { id }),
      () => addSection(id, 'two'),
    ];
    let last: unknown;
    for (const write of writes) {
      await write();
      last = (await applied.next()).value;
    }
    const fresh = await http(t.server.httpUrl, query.replace(' @live', ''), { id });
    expect((last as { data: unknown }).data).toEqual(fresh.body.data);
    await applied.return(undefined);
  });

  it('throttle bounds the rate of updates, and the last write still arrives', async () => {
    const id = await createDocument('Throttled');
    const s = live('query($id: ID!) @live(throttle: 200) { document(id: $id) { title } }', { id });
    await s.next();
    const started = performance.now();
    for (let i = 1; i <= 20; i++) {
      await mutate(t.server.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: `T${i}` });
    }
    while ((s.state?.document as JsonObject).title !== 'T20') await s.next();
    // When the updates were received, not when this loop took them (some arrive during the writes).
    const arrivals = s.arrivals.slice(1);
    const elapsed = performance.now() - started;
    expect(arrivals.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
    for (let k = 1; k < arrivals.length; k++) expect(arrivals[k]! - arrivals[k - 1]!).toBeGreaterThanOrEqual(190);
  });

  it('non-live queries and mutations also work over the socket; @live(if: false) runs once', async () => {
    const c = client();
    const created = await new Promise<JsonObject>((resolve, reject) =>
      c.subscribe<JsonObject>(
        { query: 'mutation { createDocument(input: { title: "Via WS" }) { id title } }' },
        { next: (r) => resolve(r.data as JsonObject), error: reject, complete: () => {} },
      ),
    );
    const id = (created.createDocument as { id: string }).id;
    const results: unknown[] = [];
    await new Promise<void>((resolve, reject) =>
      c.subscribe(
        { query: 'query($id: ID!) @live(if: false) { document(id: $id) { title } }', variables: { id } },
        { next: (r) => results.push(r), error: reject, complete: resolve },
      ),
    );
    // An ordinary result: no revision, then complete.
    expect(results).toEqual([{ data: { document: { title: 'Via WS' } } }]);
  });

  it('expectedRevision: a stale revision is a CONFLICT and nothing is written', async () => {
    const id = await createDocument('Concurrent');
    const ok = await http(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "v2" }, expectedRevision: 1) { revision } }', { id });
    expect(ok.body.data).toEqual({ updateDocument: { revision: 2 } });
    const stale = await http(t.server.httpUrl, 'mutation($id: ID!) { updateDocument(id: $id, input: { title: "lost" }, expectedRevision: 1) { revision } }', { id });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const now = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { title revision } }', { id });
    expect(now.body.data).toEqual({ document: { title: 'v2', revision: 2 } });
  });

  it('datasets: a value change patches the row and the server-computed summary', async () => {
    const created = await mutate(t.server.httpUrl, 'mutation { createDataset(name: "D") { id } }');
    const datasetId = (created.createDataset as { id: string }).id;
    const rows = await mutate(t.server.httpUrl, 'mutation($d: ID!) { upsertRows(datasetId: $d, rows: [{ label: "a", value: 1 }, { label: "b", value: 3 }]) { id } }', { d: datasetId });
    const [rowA] = rows.upsertRows as { id: string }[];
    const s = live('query($id: ID!) @live { dataset(id: $id) { rowCount rows { nodes { id value } } summary { count sum min max mean } } }', { id: datasetId });
    await s.next();
    expect((s.state?.dataset as JsonObject).summary).toEqual({ count: 2, sum: 4, min: 1, max: 3, mean: 2 });
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { setRowValue(id: $id, value: 5) { id } }', { id: rowA!.id });
    const patch = (await s.next()) as LivePatchResult;
    expect(patch.patch).toContainEqual({ op: 'replace', path: '/dataset/rows/nodes/0/value', value: 5 });
    expect((s.state?.dataset as JsonObject).summary).toEqual({ count: 2, sum: 8, min: 3, max: 5, mean: 4 });
  });

  it('closing the socket releases every live query of that connection', async () => {
    const id = await createDocument('Closing');
    const c = wsClient(t.server.wsUrl);
    const s1 = subscribeLive(c, DOC, { id });
    const s2 = subscribeLive(c, 'query @live { documents { nodes { id } } }');
    await s1.next();
    await s2.next();
    expect(t.server.engine.stats().subscribers).toBe(2);
    await c.dispose();
    await waitFor(() => t.server.engine.stats().groups === 0, 3_000, 'groups released after socket close');
  });
});
