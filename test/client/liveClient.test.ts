import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RenameDocumentMutation, WatchDocumentQuery } from '../../examples/node-client/operations.js';
import { watchDocument } from '../../examples/node-client/watchDocument.js';
import { createLiveClient, GraphQLOperationError, type LiveClient } from '../../client/liveClient.js';
import { CreateDocumentMutation } from '../../web-client/src/operations/documents.js';
import { signTestToken } from '../support/auth.js';
import { TEST_VIEWER } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { waitFor, withTimeout } from '../support/waitFor.js';
import { request } from './support/graphqlHttp.js';

let t: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

function client(): LiveClient {
  const c = createLiveClient({ url: t.server.wsUrl, webSocketImpl: WebSocket, getToken: () => signTestToken(TEST_VIEWER) });
  clients.push(c);
  return c;
}

async function createDocument(title: string): Promise<string> {
  return (await request(t.server.httpUrl, CreateDocumentMutation, { input: { title } })).createDocument.id;
}

describe('createLiveClient (Node)', () => {
  it('yields typed full results; a slow consumer gets the newest state', async () => {
    const id = await createDocument('v0');
    const c = client();
    const updates = c.live(WatchDocumentQuery, { id });
    const first = await withTimeout(updates.next(), 5_000, 'the first result');
    expect(first.value).toMatchObject({ revision: 1, data: { document: { id, title: 'v0', revision: 1, sections: [] } } });

    for (const title of ['v1', 'v2', 'v3']) await request(t.server.httpUrl, RenameDocumentMutation, { id, title });
    const seen: string[] = [];
    for (;;) {
      const next = await withTimeout(updates.next(), 5_000, 'the rename to v3');
      if (next.done === true) throw new Error('the live query ended before the rename to v3');
      const title = next.value.data?.document?.title ?? '';
      seen.push(title);
      if (title === 'v3') break;
    }
    // Never more states than changes, always in order, ending with the newest.
    expect(seen.length).toBeLessThanOrEqual(3);
    expect([...seen].sort()).toEqual(seen);
    await updates.return?.();
  });

  it('executes a mutation over the socket and reports rejected operations as GraphQLOperationError', async () => {
    const id = await createDocument('Socket');
    const c = client();
    const renamed = await withTimeout(c.execute(RenameDocumentMutation, { id, title: 'Renamed' }), 5_000, 'the mutation');
    expect(renamed.data?.updateDocument).toEqual({ id, title: 'Renamed', revision: 2 });

    const invalid = parse('query Invalid @live { nope }') as TypedDocumentNode<unknown, Record<string, never>>;
    await expect(withTimeout(c.live(invalid).next(), 5_000, 'the rejection')).rejects.toBeInstanceOf(GraphQLOperationError);
  });

  it('reports its connection and closes on dispose', async () => {
    const c = createLiveClient({ url: t.server.wsUrl, webSocketImpl: WebSocket });
    expect(c.connection.get()).toBe('idle');
    const id = await createDocument('Status');
    const updates = c.live(WatchDocumentQuery, { id });
    await withTimeout(updates.next(), 5_000, 'the first result');
    expect(c.connection.get()).toBe('live');
    await c.dispose();
    expect(c.connection.get()).toBe('closed');
    expect(await withTimeout(updates.next(), 5_000, 'the end of the loop')).toEqual({ value: undefined, done: true });
  });
});

describe('examples/node-client', () => {
  it('prints every state of a document as it changes', async () => {
    const id = await createDocument('Before');
    const lines: string[] = [];
    const watching = watchDocument({
      ...{ url: t.server.wsUrl, id, webSocketImpl: WebSocket, maxUpdates: 2, onUpdate: (line: string) => lines.push(line) },
      getToken: () => signTestToken(TEST_VIEWER),
    });
    await waitFor(() => lines.length === 1, 5_000, 'the first line');
    await request(t.server.httpUrl, RenameDocumentMutation, { id, title: 'After' });
    await withTimeout(watching, 5_000, 'the example to finish');
    expect(lines).toEqual(['live rev 1 · doc rev 1 · "Before" · 0 sections', 'live rev 2 · doc rev 2 · "After" · 0 sections']);
  });
});
