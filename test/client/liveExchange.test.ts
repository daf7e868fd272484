import { Client, cacheExchange, fetchExchange, type OperationResult, type OperationResultSource } from '@urql/core';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { liveExchange, type LiveExchange } from '../../client/liveExchange.js';
import {
  AddSectionMutation,
  CreateDocumentMutation,
  DocumentViewQuery,
  UpdateDocumentMutation,
  UpdateSectionMutation,
} from '../../web-client/src/operations/documents.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { signTestToken } from '../support/auth.js';
import { TEST_VIEWER } from '../support/clients.js';
import { createQueue } from '../support/waitFor.js';
import { fakeSocket } from './support/fakeSocket.js';
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

/** An urql client with the live exchange in front of the cache and fetch; counts HTTP requests. */
function urql(options: { sendAllOverSocket?: boolean } = {}) {
  const live = liveExchange({ url: t.server.wsUrl, webSocketImpl: WebSocket, getToken: () => signTestToken(TEST_VIEWER), ...options });
  cleanups.push(() => live.dispose());
  let httpRequests = 0;
  const client = new Client({
    url: t.server.httpUrl,
    exchanges: [live, cacheExchange, fetchExchange],
    fetch: async (input, init) => {
      httpRequests++;
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${await signTestToken(TEST_VIEWER)}`);
      return fetch(input, { ...init, headers });
    },
  });
  return {
    client,
    live,
    get httpRequests() {
      return httpRequests;
    },
  };
}

/** Subscribes to an urql result source; results are taken one by one with a deadline. */
function results<T>(source: OperationResultSource<OperationResult<T>>) {
  const queue = createQueue<OperationResult<T>>();
  const subscription = source.subscribe((result) => queue.push(result));
  cleanups.push(() => subscription.unsubscribe());
  return queue;
}

async function createDocument(title: string, headings: string[]): Promise<{ id: string; sectionIds: string[] }> {
  const { createDocument } = await request(t.server.httpUrl, CreateDocumentMutation, { input: { title } });
  const sectionIds: string[] = [];
  for (const heading of headings) {
    const { addSection } = await request(t.server.httpUrl, AddSectionMutation, {
      documentId: createDocument.id,
      input: { heading, body: '' },
    });
    sectionIds.push(addSection.id);
  }
  return { id: createDocument.id, sectionIds };
}

describe('liveExchange against a real server', () => {
  it('yields full, typed results with structural sharing between updates', async () => {
    const { id, sectionIds } = await createDocument('Original', ['One', 'Two']);
    const { client } = urql();
    const queue = results(client.query(DocumentViewQuery, { id }));

    const first = await queue.take(5_000, 'the first result');
    expect(first.error).toBeUndefined();
    expect(first.data?.document?.title).toBe('Original');
    expect(first.extensions).toMatchObject({ revision: 1 });
    const firstSections = first.data!.document!.sections;
    expect(firstSections.map((s) => s.heading)).toEqual(['One', 'Two']);

    const renamed = await client.mutation(UpdateDocumentMutation, { id, input: { title: 'Renamed' } }).toPromise();
    expect(renamed.error).toBeUndefined();
    const second = await queue.take(5_000, 'the result after renaming');
    expect(second.data?.document?.title).toBe('Renamed');
    expect(second.extensions).toMatchObject({ revision: 2 });
    // Only the title changed: the sections are the very same objects.
    expect(second.data!.document!.sections).toBe(firstSections);

    await client.mutation(UpdateSectionMutation, { id: sectionIds[1]!, input: { heading: 'Deux', body: '' } }).toPromise();
    const third = await queue.take(5_000, 'the result after editing a section');
    const thirdSections = third.data!.document!.sections;
    expect(thirdSections.map((s) => s.heading)).toEqual(['One', 'Deux']);
    expect(thirdSections).not.toBe(firstSections);
    expect(thirdSections[0]).toBe(firstSections[0]);
    expect(third.data!.document).not.toBe(second.data!.document);
  });

  it('sends only live queries and subscriptions over the socket, unless told to send everything', async () => {
    const { id } = await createDocument('Routing', []);
    const plain: TypedDocumentNode<{ document: { id: string; title: string } | null }, { id: string }> = parse(
      'query Plain($id: ID!) { document(id: $id) { id title } }',
    );

    const byDefault = urql();
    const viaHttp = await byDefault.client.query(plain, { id }).toPromise();
    expect(viaHttp.data).toEqual({ document: { id, title: 'Routing', __typename: 'Document' } });
    expect(byDefault.httpRequests).toBe(1);
    const live = results(byDefault.client.query(DocumentViewQuery, { id }));
    expect((await live.take()).data?.document?.title).toBe('Routing');
    expect(byDefault.httpRequests).toBe(1);

    const allOverSocket = urql({ sendAllOverSocket: true });
    const viaSocket = await allOverSocket.client.query(plain, { id }).toPromise();
    expect(viaSocket.data?.document).toMatchObject({ id, title: 'Routing' });
    const mutation = await allOverSocket.client
      .mutation(UpdateDocumentMutation, { id, input: { title: 'Over the socket' } })
      .toPromise();
    expect(mutation.data?.updateDocument.revision).toBe(2);
    expect(allOverSocket.httpRequests).toBe(0);
    expect((await live.take()).data?.document?.title).toBe('Over the socket');
  });

  it('reports a rejected live query as a result with GraphQL errors', async () => {
    const { client } = urql();
    const queue = results(client.query(parse('query Bad @live { document(id: "x") { nope } }'), {}));
    const result = await queue.take();
    expect(result.error?.graphQLErrors[0]?.message).toMatch(/Cannot query field "nope"/);
  });
});

describe('liveExchange state handling', () => {
  it('re-subscribes on a revision gap; urql never sees a state built on a missing patch', async () => {
    const fake = fakeSocket();
    const resubscribed: string[] = [];
    const live: LiveExchange = liveExchange({ socket: fake.socket, onResubscribe: (reason) => resubscribed.push(reason) });
    const client = new Client({ url: 'http://unused.invalid/graphql', exchanges: [live, fetchExchange] });
    const queue = results(client.query(DocumentViewQuery, { id: 'd1' }));
    await Promise.resolve();

    const doc = (title: string) => ({ document: { id: 'd1', title, body: '', tags: [], revision: 1, updatedAt: '', sections: [] } });
    fake.last.sink.next({ data: doc('A'), revision: 1 });
    expect((await queue.take()).data?.document?.title).toBe('A');
    fake.last.sink.next({ patch: [{ op: 'replace', path: '/document/title', value: 'C' }], revision: 3 });
    expect(resubscribed).toEqual(['revision gap: expected 2, got 3']);
    expect(fake.subscriptions).toHaveLength(2);
    expect(fake.subscriptions[0]!.stopped).toBe(true);
    expect(queue.pending).toHaveLength(0);

    fake.last.sink.next({ data: doc('C'), revision: 1 });
    expect((await queue.take()).data?.document?.title).toBe('C');
  });

  it('stops the socket subscription when the query is torn down', async () => {
    const fake = fakeSocket();
    const client = new Client({ url: 'http://unused.invalid/graphql', exchanges: [liveExchange({ socket: fake.socket }), fetchExchange] });
    const subscription = client.query(DocumentViewQuery, { id: 'd1' }).subscribe(() => {});
    await Promise.resolve();
    expect(fake.subscriptions).toHaveLength(1);
    subscription.unsubscribe();
    expect(fake.last.stopped).toBe(true);
  });
});
