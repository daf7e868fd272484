import { Client, fetchExchange, type OperationResult, type OperationResultSource } from '@urql/core';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ConnectionStatus } from '../../client/connectionState.js';
import { liveExchange } from '../../client/liveExchange.js';
import {
  CreateDocumentMutation,
  DocumentListQuery,
  DocumentViewQuery,
  UpdateDocumentMutation,
} from '../../web-client/src/operations/documents.js';
import { createQueue, waitFor } from '../support/waitFor.js';
import { request } from './support/graphqlHttp.js';
import { signTestToken } from '../support/auth.js';
import { TEST_VIEWER } from '../support/clients.js';
import { startRestartableServer } from './support/restartableServer.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function results<T>(source: OperationResultSource<OperationResult<T>>) {
  const queue = createQueue<OperationResult<T>>();
  const subscription = source.subscribe((result) => queue.push(result));
  cleanups.push(() => subscription.unsubscribe());
  return queue;
}

describe('reconnecting', () => {
  it.each([
    { resume: true, after: 2, how: 'resumes every live query (an empty patch: nothing changed)' },
    { resume: false, after: 1, how: 'refetches every live query (resume: false)' },
  ])('after the server restarts on the same port, $how', async ({ resume, after }) => {
    const s = await startRestartableServer({ seed: false });
    cleanups.push(() => s.dispose());
    const { createDocument } = await request(s.httpUrl, CreateDocumentMutation, { input: { title: 'Before', tags: ['x'] } });
    const id = createDocument.id;

    const live = liveExchange({
      ...{ url: s.wsUrl, webSocketImpl: WebSocket, backoff: { baseMs: 50, maxMs: 250 }, resume },
      getToken: () => signTestToken(TEST_VIEWER),
    });
    cleanups.push(() => live.dispose());
    const states: ConnectionStatus[] = [];
    live.connection.subscribe((status) => states.push(status));
    const client = new Client({ url: s.httpUrl, exchanges: [live, fetchExchange] });
    const documentResults = results(client.query(DocumentViewQuery, { id }));
    const listResults = results(client.query(DocumentListQuery, { tag: 'x', first: 20 }));

    expect((await documentResults.take()).data?.document?.title).toBe('Before');
    expect((await listResults.take()).data?.documents.nodes.map((d) => d.title)).toEqual(['Before']);
    expect(live.connection.get()).toBe('live');

    await s.stop();
    await waitFor(() => live.connection.get() === 'reconnecting', 5_000, 'the reconnecting status');
    await s.start();
    await waitFor(() => live.connection.get() === 'live', 10_000, 'the live status after the restart');

    // Each live query was subscribed again: resumed (the restarted server signs with the same secret:
    // an empty patch under the next revision) or refetched (a full result at revision 1)...
    const again = await documentResults.take(5_000, 'the document after reconnecting');
    expect(again.extensions).toEqual({ revision: after });
    expect(again.data?.document?.title).toBe('Before');
    expect((await listResults.take(5_000, 'the list after reconnecting')).extensions).toEqual({ revision: after });

    // ...and updates flow again, as patches on top of it.
    await request(s.httpUrl, UpdateDocumentMutation, { id, input: { title: 'After' } });
    const updated = await documentResults.take(5_000, 'the document after the rename');
    expect(updated.data?.document?.title).toBe('After');
    expect(updated.extensions).toEqual({ revision: after + 1 });
    expect((await listResults.take(5_000, 'the list after the rename')).data?.documents.nodes.map((d) => d.title)).toEqual(['After']);

    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  }, 60_000); // a server restart (PGlite reopening its data) under a loaded machine
});
