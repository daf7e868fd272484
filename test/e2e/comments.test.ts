/**
 * Comments, live end to end: a live query on a document sees comments added, edited and deleted
 * (each one keyed patch), over real graphql-ws sockets and HTTP mutations; bad input is refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, mutate } from '../support/clients.js';
import { createLiveTracker } from '../support/liveTracker.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { waitFor } from '../support/waitFor.js';

let t: TestServer;
const tracker = createLiveTracker(() => t.server.wsUrl);
const { live } = tracker;

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  await tracker.release();
  await waitFor(() => t.server.engine.stats().groups === 0, 3_000, 'all live groups released');
});

const DOC_COMMENTS = 'query DocComments($id: ID!) @live { document(id: $id) { id title comments { id author body editedAt } } }';

async function createDocument(title: string): Promise<string> {
  const data = await mutate(t.server.httpUrl, 'mutation($t: String!) { createDocument(input: { title: $t }) { id } }', { t: title });
  return (data.createDocument as { id: string }).id;
}
async function addComment(documentId: string, author: string, body: string): Promise<string> {
  const data = await mutate(
    t.server.httpUrl,
    'mutation($d: ID!, $a: String!, $b: String!) { addComment(documentId: $d, input: { author: $a, body: $b }) { id } }',
    { d: documentId, a: author, b: body },
  );
  return (data.addComment as { id: string }).id;
}

describe('live comments', () => {
  it('appear, change and go in a live query on their document, one keyed patch each', async () => {
    const id = await createDocument('Discussed');
    const s = live(DOC_COMMENTS, { id });
    expect((await s.next()).revision).toBe(1);
    expect(s.state).toEqual({ document: { id, title: 'Discussed', comments: [] } });

    const c1 = await addComment(id, 'ann', 'Looks good');
    const added = await s.next();
    expect(added).toMatchObject({ patch: [{ op: 'add', path: '/document/comments/0' }] });
    const c2 = await addComment(id, 'bob', 'Agreed');
    await s.next();
    expect(s.state).toEqual({
      document: {
        id,
        title: 'Discussed',
        comments: [
          { id: c1, author: 'ann', body: 'Looks good', editedAt: null },
          { id: c2, author: 'bob', body: 'Agreed', editedAt: null },
        ],
      },
    });

    await mutate(t.server.httpUrl, 'mutation($id: ID!) { updateComment(id: $id, body: "Looks great") { id } }', { id: c1 });
    const edited = await s.next();
    expect(edited).toMatchObject({ patch: expect.arrayContaining([{ op: 'replace', path: '/document/comments/0/body', value: 'Looks great' }]) });

    await mutate(t.server.httpUrl, 'mutation($id: ID!) { deleteComment(id: $id) }', { id: c1 });
    const removed = await s.next();
    expect(removed).toMatchObject({ patch: [{ op: 'remove', path: '/document/comments/0' }] });
    const fresh = await http(t.server.httpUrl, DOC_COMMENTS.replace(' @live', ''), { id });
    expect(s.state).toEqual(fresh.body.data);
  });

  it('answer bad input with a coded error and change nothing', async () => {
    const id = await createDocument('Guarded');
    const empty = await http(t.server.httpUrl, 'mutation($d: ID!) { addComment(documentId: $d, input: { author: "", body: "x" }) { id } }', { d: id });
    expect(empty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const long = await http(t.server.httpUrl, 'mutation($d: ID!, $b: String!) { addComment(documentId: $d, input: { author: "a", body: $b }) { id } }', {
      d: id,
      b: 'x'.repeat(10_001),
    });
    expect(long.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await http(t.server.httpUrl, 'mutation { addComment(documentId: "nope", input: { author: "a", body: "b" }) { id } }');
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const gone = await http(t.server.httpUrl, 'mutation { deleteComment(id: "nope") }');
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const after = await http(t.server.httpUrl, 'query($id: ID!) { document(id: $id) { comments { id } } }', { id });
    expect(after.body.data).toEqual({ document: { comments: [] } });
  });
});
