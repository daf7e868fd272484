/**
 * The HTTP fast path answers exactly as yoga would: each request is sent once as it qualifies and once
 * with a foreign Origin (which routes it to yoga), and the two answers must match.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_PATH_MAX_BODY_BYTES, fastPathMediaType } from '../../server/transport/http/graphqlPost.js';
import { resultMediaType } from '../../server/transport/http/resultMediaType.js';
import { authorizationOf } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';

let t: TestServer;
let docId: string;

beforeAll(async () => {
  t = await startTestServer({ seed: false, production: true });
  const created = await post({ query: 'mutation { createDocument(input: { title: "Fast" }) { id } }' });
  docId = (created.body as { data: { createDocument: { id: string } } }).data.createDocument.id;
});
afterAll(async () => {
  await t.dispose();
});

interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(t.server.httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: (await authorizationOf()) ?? '', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body: JSON.parse(text) as unknown };
}

/** The same request through the fast path and through yoga (a cross-origin request goes to yoga). */
async function both(body: unknown, headers: Record<string, string> = {}): Promise<[Answer, Answer]> {
  const fast = await post(body, headers);
  const viaYoga = await post(body, { ...headers, origin: 'http://elsewhere.example' });
  return [fast, viaYoga];
}

describe('fast path parity with yoga', () => {
  it('answers a query with the media type yoga chooses', async () => {
    const query = { query: 'query($id: ID!) { document(id: $id) { id title } }', variables: { id: docId } };
    for (const accept of [undefined, '*/*', 'application/json', 'application/graphql-response+json, application/json']) {
      const [fast, viaYoga] = await both(query, accept ? { accept } : {});
      expect(fast).toEqual(viaYoga);
      expect(fast.body).toEqual({ data: { document: { id: docId, title: 'Fast' } } });
    }
  });

  it('runs a mutation once and answers like yoga', async () => {
    const rename = (title: string) => ({
      query: 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { title revision } }',
      variables: { id: docId, t: title },
    });
    const fast = await post(rename('One'));
    const viaYoga = await post(rename('Two'), { origin: 'http://elsewhere.example' });
    expect(fast.body).toEqual({ data: { updateDocument: { title: 'One', revision: 2 } } });
    expect(viaYoga.body).toEqual({ data: { updateDocument: { title: 'Two', revision: 3 } } });
    expect(fast.contentType).toBe(viaYoga.contentType);
  });

  it('formats field errors, request errors and bad input as yoga does', async () => {
    const cases: unknown[] = [
      { query: 'mutation { updateDocument(id: "missing", input: { title: "x" }) { id } }' },
      { query: '{ document(id: "x") { title ' },
      { query: '{ document(id: "x") { nope } }' },
      { query: 'query($id: ID!) { document(id: $id) { id } }', variables: { id: { bad: true } } },
      { query: 'query($id: ID!) { document(id: $id) { id } }' },
      { query: '{ documents { nodes { id } } }', unexpected: 1 },
      { query: 42 },
      [{ query: '{ documents { nodes { id } } }' }],
      '{"query": ',
      { query: 'subscription { nothing }' },
      { query: 'query A { documents { nodes { id } } } query B { documents { nodes { id } } }' },
    ];
    for (const body of cases) {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const [fast, viaYoga] = await both(body, { accept });
        expect({ request: body, accept, ...fast }).toEqual({ request: body, accept, ...viaYoga });
        // Again, now that the text may be known (executed on the fast path itself this time).
        const again = await post(body, { accept });
        expect({ request: body, accept, ...again }).toEqual({ request: body, accept, ...viaYoga });
      }
    }
    // A request error keeps its HTTP status however often it comes (yoga caches parse outcomes by text).
    for (let i = 0; i < 2; i++) {
      const [fast, viaYoga] = await both(cases[1], { accept: 'application/graphql-response+json' });
      expect([fast.status, viaYoga.status]).toEqual([400, 400]);
    }
  });

  it('keeps answering a query text yoga accepted once, also with other variables', async () => {
    const query = 'query($id: ID!) { document(id: $id) { title } }';
    const first = await post({ query, variables: { id: docId } });
    const again = await post({ query, variables: { id: docId } });
    const missing = await post({ query, variables: { id: 'missing' } });
    const badVariables = await post({ query, variables: { id: [1] } }, { accept: 'application/graphql-response+json' });
    expect(again).toEqual(first);
    expect(missing.body).toMatchObject({ data: { document: null } });
    expect(badVariables.status).toBe(400);
  });

  it('masks an unexpected resolver failure as yoga does, on the fast path too', async () => {
    const store = t.store as { getDocument: (id: string) => Promise<unknown> };
    const original = store.getDocument;
    store.getDocument = () => Promise.reject(new Error('disk on fire'));
    try {
      const body = { query: 'query Masked($id: ID!) { document(id: $id) { id } }', variables: { id: docId } };
      const viaYoga = await post(body, { origin: 'http://elsewhere.example' });
      await post(body); // learns the text
      const fast = await post(body);
      expect(fast).toEqual(viaYoga);
      expect(JSON.stringify(fast.body)).not.toContain('disk on fire');
      expect(fast.body).toMatchObject({ data: { document: null }, errors: [{ message: 'Unexpected error.' }] });
    } finally {
      store.getDocument = original;
    }
  });

  it('leaves a large request to yoga, which still answers it', async () => {
    const padding = ' '.repeat(FAST_PATH_MAX_BODY_BYTES);
    const answer = await post(`{"query": "{ documents { nodes { id } } }"${padding}}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { documents: { nodes: [{ id: docId }] } } });
  });
});

describe('which requests take the fast path', () => {
  const json = (headers: IncomingHttpHeaders = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': '40', host: 'localhost:4000', ...headers },
  });

  it('takes small same-origin JSON POSTs', () => {
    expect(fastPathMediaType(json())).toBe('application/json');
    expect(fastPathMediaType(json({ origin: 'http://localhost:4000' }))).toBe('application/json');
    expect(fastPathMediaType(json({ 'content-type': 'application/json; charset=utf-8' }))).toBe('application/json');
    expect(fastPathMediaType(json({ accept: 'application/graphql-response+json' }))).toBe('application/graphql-response+json');
  });

  it('leaves everything else to yoga', () => {
    expect(fastPathMediaType({ ...json(), method: 'GET' })).toBeNull();
    expect(fastPathMediaType(json({ origin: 'http://elsewhere.example' }))).toBeNull();
    expect(fastPathMediaType(json({ 'content-type': 'application/graphql' }))).toBeNull();
    expect(fastPathMediaType(json({ 'content-length': undefined }))).toBeNull();
    expect(fastPathMediaType(json({ 'content-length': String(FAST_PATH_MAX_BODY_BYTES + 1) }))).toBeNull();
    expect(fastPathMediaType(json({ accept: 'text/event-stream' }))).toBeNull();
    expect(fastPathMediaType(json({ accept: 'application/json; charset=latin1' }))).toBeNull();
  });
});

describe('resultMediaType', () => {
  it('picks the first acceptable type, application/json for wildcards', () => {
    expect(resultMediaType(undefined)).toBe('application/json');
    expect(resultMediaType('*/*')).toBe('application/json');
    expect(resultMediaType('application/*')).toBe('application/json');
    expect(resultMediaType('application/graphql-response+json, application/json')).toBe('application/graphql-response+json');
    expect(resultMediaType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(resultMediaType('text/html, */*;q=0.8')).toBe('application/json');
    expect(resultMediaType('text/html')).toBeNull();
  });
});
