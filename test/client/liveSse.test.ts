/**
 * The client library over GraphQL over SSE (`transport: 'sse'`) against a real server: the Node
 * client and the urql exchange get the first result and then patches applied to it, exactly as over
 * graphql-ws; refused requests are reported, not retried.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Client, cacheExchange, fetchExchange, type OperationResult, type OperationResultSource } from '@urql/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RenameDocumentMutation, WatchDocumentQuery } from '../../examples/node-client/operations.js';
import { createLiveClient, GraphQLOperationError, type LiveClient } from '../../client/liveClient.js';
import { liveExchange } from '../../client/liveExchange.js';
import {
  AddSectionMutation,
  CreateDocumentMutation,
  DocumentViewQuery,
  UpdateDocumentMutation,
  UpdateSectionMutation,
} from '../../web-client/src/operations/documents.js';
import { signTestToken } from '../support/auth.js';
import { TEST_VIEWER } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { createQueue, withTimeout } from '../support/waitFor.js';
import { request } from './support/graphqlHttp.js';

let t: TestServer;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sseClient(): LiveClient {
  const client = createLiveClient({ transport: 'sse', url: t.server.httpUrl, getToken: () => signTestToken(TEST_VIEWER) });
  cleanups.push(() => client.dispose());
  return client;
}

async function createDocument(title: string, headings: string[] = []): Promise<{ id: string; sectionIds: string[] }> {
  const { createDocument } = await request(t.server.httpUrl, CreateDocumentMutation, { input: { title } });
  const sectionIds: string[] = [];
  for (const heading of headings) {
    const { addSection } = await request(t.server.httpUrl, AddSectionMutation, { documentId: createDocument.id, input: { heading, body: '' } });
    sectionIds.push(addSection.id);
  }
  return { id: createDocument.id, sectionIds };
}

describe("createLiveClient with transport 'sse'", () => {
  it('yields the first result, then the result patched after a mutation', async () => {
    const { id } = await createDocument('Over SSE');
    const client = sseClient();
    expect(client.transport.get()).toBe('sse');
    expect(client.connection.get()).toBe('idle');
    const updates = client.live(WatchDocumentQuery, { id });
    const first = await withTimeout(updates.next(), 5_000, 'the first result');
    expect(first.value).toMatchObject({ revision: 1, data: { document: { id, title: 'Over SSE', revision: 1, sections: [] } } });
    expect(client.connection.get()).toBe('live');

    await request(t.server.httpUrl, RenameDocumentMutation, { id, title: 'Patched' });
    const second = await withTimeout(updates.next(), 5_000, 'the patched result');
    expect(second.value).toMatchObject({ revision: 2, data: { document: { id, title: 'Patched', revision: 2, sections: [] } } });
    await updates.return?.();
    expect(client.connection.get()).toBe('idle');
  });

  it('executes a mutation as its own stream, and reports a refused operation as GraphQLOperationError', async () => {
    const { id } = await createDocument('Execute');
    const client = sseClient();
    const renamed = await withTimeout(client.execute(RenameDocumentMutation, { id, title: 'Renamed' }), 5_000, 'the mutation');
    expect(renamed.data?.updateDocument).toEqual({ id, title: 'Renamed', revision: 2 });

    // 400 before the stream starts: the errors of the body, no retry.
    const invalid = parse('query Invalid @live { nope }') as TypedDocumentNode<unknown, Record<string, never>>;
    const rejection = withTimeout(client.live(invalid).next(), 5_000, 'the rejection');
    await expect(rejection).rejects.toBeInstanceOf(GraphQLOperationError);
    await expect(rejection).rejects.toThrow(/Cannot query field "nope"/);
  });

  it('closes its streams on dispose: running loops end', async () => {
    const { id } = await createDocument('Dispose');
    const client = createLiveClient({ transport: 'sse', url: t.server.wsUrl, getToken: () => signTestToken(TEST_VIEWER) });
    const updates = client.live(WatchDocumentQuery, { id });
    await withTimeout(updates.next(), 5_000, 'the first result (ws:// URL turned into http://)');
    await client.dispose();
    expect(client.connection.get()).toBe('closed');
    expect(await withTimeout(updates.next(), 5_000, 'the end of the loop')).toEqual({ value: undefined, done: true });
  });
});

describe("liveExchange with transport 'sse'", () => {
  function urql() {
    const live = liveExchange({ transport: 'sse', url: t.server.httpUrl, getToken: () => signTestToken(TEST_VIEWER) });
    cleanups.push(() => live.dispose());
    const client = new Client({
      url: t.server.httpUrl,
      exchanges: [live, cacheExchange, fetchExchange],
      fetch: async (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${await signTestToken(TEST_VIEWER)}`);
        return fetch(input, { ...init, headers });
      },
    });
    return { client, live };
  }

  function results<T>(source: OperationResultSource<OperationResult<T>>) {
    const queue = createQueue<OperationResult<T>>();
    const subscription = source.subscribe((result) => queue.push(result));
    cleanups.push(() => subscription.unsubscribe());
    return queue;
  }

  it('yields full, typed results with structural sharing between updates', async () => {
    const { id, sectionIds } = await createDocument('Original', ['One', 'Two']);
    const { client, live } = urql();
    expect(live.transport.get()).toBe('sse');
    const queue = results(client.query(DocumentViewQuery, { id }));

    const first = await queue.take(5_000, 'the first result');
    expect(first.error).toBeUndefined();
    expect(first.hasNext).toBe(true);
    expect(first.extensions).toMatchObject({ revision: 1 });
    const firstSections = first.data!.document!.sections;
    expect(firstSections.map((s) => s.heading)).toEqual(['One', 'Two']);

    const renamed = await client.mutation(UpdateDocumentMutation, { id, input: { title: 'Renamed' } }).toPromise();
    expect(renamed.error).toBeUndefined();
    const second = await queue.take(5_000, 'the result after renaming');
    expect(second.data?.document?.title).toBe('Renamed');
    expect(second.extensions).toMatchObject({ revision: 2 });
    expect(second.data!.document!.sections).toBe(firstSections);

    await client.mutation(UpdateSectionMutation, { id: sectionIds[1]!, input: { heading: 'Deux', body: '' } }).toPromise();
    const third = await queue.take(5_000, 'the result after editing a section');
    const thirdSections = third.data!.document!.sections;
    expect(thirdSections.map((s) => s.heading)).toEqual(['One', 'Deux']);
    expect(thirdSections).not.toBe(firstSections);
    expect(thirdSections[0]).toBe(firstSections[0]);
  });

  it('reports a rejected live query as a result with GraphQL errors', async () => {
    const { client } = urql();
    const queue = results(client.query(parse('query Bad @live { document(id: "x") { nope } }'), {}));
    const result = await queue.take();
    expect(result.error?.graphQLErrors[0]?.message).toMatch(/Cannot query field "nope"/);
  });
});
