/**
 * Resume over the wire (docs/protocol.md, "Resume"): a client re-subscribing with the token of its
 * last message gets a patch from that state, an empty patch when nothing changed (also after a
 * restart), and the whole result when the server cannot place the token (forged, another viewer's,
 * beyond the log); a malformed one is an error for that operation alone.
 */
import fastJsonPatch from 'fast-json-patch';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, LiveResult } from '../../server/live/liveResult.js';
import { authorizationOf, http, mutate, wsClient } from '../support/clients.js';
import { readEventStream } from '../support/eventStreamReader.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { RESUME_TOKEN } from '../support/resumeToken.js';
import { createQueue } from '../support/waitFor.js';

const DOC = 'query Doc($id: ID!) @live { document(id: $id) { id title sections { id heading } } }';
const FRESH = DOC.replace(' @live', '');

let t: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  t = await startTestServer({ seed: false, resume: { logEntries: 3 } });
});
afterAll(async () => t.dispose());
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});

/** A live query over its own socket, sending `extensions` with it; every payload raw, in order. */
function open(variables: Record<string, unknown>, extensions?: Record<string, unknown>, as?: string | null) {
  const client = wsClient(t.server.wsUrl, as === undefined ? {} : { as });
  clients.push(client);
  const payloads = createQueue<LiveResult & { extensions?: { live?: { resume?: string } } }>();
  client.subscribe(
    { query: DOC, variables, extensions },
    { next: (value) => payloads.push(value as never), error: () => {}, complete: () => {} },
  );
  return { client, take: () => payloads.take(5_000, 'a live result') };
}

/** Where a client stands after its messages: its state, revision and last token. */
async function follow(s: ReturnType<typeof open>, messages: number, from?: { state: JsonObject | null; revision: number }) {
  let state = from?.state ?? null;
  let revision = from?.revision ?? 0;
  let token = '';
  for (let i = 0; i < messages; i++) {
    const result = await s.take();
    state = 'data' in result ? result.data : fastJsonPatch.applyPatch(state, result.patch as fastJsonPatch.Operation[], true, false).newDocument;
    revision = result.revision;
    token = result.extensions?.live?.resume ?? '';
    expect(token).toMatch(RESUME_TOKEN);
  }
  return { state, revision, token };
}

async function createDocument(title: string): Promise<string> {
  const data = await mutate(t.server.httpUrl, 'mutation($t: String!) { createDocument(input: { title: $t }) { id } }', { t: title });
  return (data.createDocument as { id: string }).id;
}

const rename = (id: string, title: string) =>
  mutate(t.server.httpUrl, 'mutation($id: ID!, $t: String!) { updateDocument(id: $id, input: { title: $t }) { id } }', { id, t: title });
const fresh = async (id: string) => (await http(t.server.httpUrl, FRESH, { id })).body.data;

describe('resume over graphql-ws', () => {
  it('brings a client back with the patches it missed, under its next revision', async () => {
    const id = await createDocument('One');
    const keeper = open({ id }); // keeps the group, and its log, while the client is away
    await keeper.take();
    const away = open({ id });
    const held = await follow(away, 1);
    await away.client.dispose();
    await rename(id, 'Two');
    await mutate(t.server.httpUrl, 'mutation($id: ID!) { addSection(documentId: $id, input: { heading: "S", body: "" }) { id } }', { id });
    await keeper.take();
    await keeper.take();

    const back = open({ id }, { live: { resume: held.token } });
    const result = await back.take();
    expect(result.revision).toBe(held.revision + 1);
    expect('patch' in result && result.patch.length).toBeGreaterThanOrEqual(2);
    const after = fastJsonPatch.applyPatch(held.state, ('patch' in result ? result.patch : []) as fastJsonPatch.Operation[], true, false).newDocument;
    expect(after).toEqual(await fresh(id));
    // It goes on from there, with tokens of its own revisions.
    await rename(id, 'Three');
    const next = await back.take();
    expect(next.revision).toBe(held.revision + 2);
    expect(next.extensions?.live?.resume).toMatch(new RegExp(`\\.${(held.revision + 2).toString(36)}$`));
  });

  it('answers an unchanged result with an empty patch, also when the group was gone', async () => {
    const id = await createDocument('Still');
    const first = open({ id });
    const held = await follow(first, 1);
    await first.client.dispose(); // the group goes with its only member
    const back = open({ id }, { live: { resume: held.token } });
    expect(await back.take()).toEqual({ patch: [], revision: 2, extensions: { live: { resume: expect.stringMatching(/\.2$/) } } });
  });

  it('sends the whole result for a forged token, a token beyond the log, or another viewer\'s', async () => {
    const id = await createDocument('Mine');
    const keeper = open({ id });
    const held = await follow(keeper, 1);
    const forged = held.token.slice(0, 30) + (held.token[30] === 'x' ? 'y' : 'x') + held.token.slice(31);
    expect((await open({ id }, { live: { resume: forged } }).take())).toMatchObject({ revision: 1, data: { document: { id } } });
    // Another viewer, who may not read the document, holding the owner's token: its own result, whole.
    expect(await open({ id }, { live: { resume: held.token } }, 'mallory').take()).toMatchObject({ revision: 1, data: { document: null } });
    // Four changes while away: more than the log keeps (three, in this server).
    for (const title of ['a', 'b', 'c', 'd']) {
      await rename(id, title);
      await keeper.take();
    }
    expect(await open({ id }, { live: { resume: held.token } }).take()).toMatchObject({ revision: 1, data: { document: { title: 'd' } } });
  });

  it('answers a malformed token with an error for that operation alone, as for bad variables', async () => {
    const id = await createDocument('Bad');
    const long = await open({ id }, { live: { resume: 'x'.repeat(65) } }).take();
    expect(long).toMatchObject({ errors: [{ message: expect.stringContaining('1 to 64 characters') as unknown, extensions: { code: 'BAD_REQUEST' } }] });
    const number = open({ id }, { live: { resume: 7 } });
    expect(await number.take()).toMatchObject({ errors: [{ message: expect.stringContaining('but got a number') as unknown }] });
    // The socket serves on.
    const payloads = createQueue<unknown>();
    number.client.subscribe({ query: DOC, variables: { id } }, { next: (value) => payloads.push(value), error: () => {}, complete: () => {} });
    expect(await payloads.take(5_000, 'a result on the same socket')).toMatchObject({ revision: 1, data: { document: { id } } });
  });
});

describe('resume over SSE', () => {
  it('takes the token in the request body and streams on from the client\'s revision', async () => {
    const id = await createDocument('Stream');
    const first = open({ id });
    const held = await follow(first, 1);
    await rename(id, 'Streamed');
    const response = await fetch(t.server.httpUrl, {
      method: 'POST',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json', authorization: (await authorizationOf({}))! },
      body: JSON.stringify({ query: DOC, variables: { id }, extensions: { live: { resume: held.token } } }),
    });
    const stream = readEventStream(response);
    const event = await stream.nextEvent('the resumed result');
    if (event === 'end') throw new Error('the stream ended');
    expect(event.id).toBe('2');
    const result = JSON.parse(event.data ?? '') as LiveResult;
    expect(result).toMatchObject({ revision: 2, patch: [{ op: 'replace', path: '/document/title', value: 'Streamed' }] });
    await stream.cancel();
  });
});
