/**
 * Streams that end are restarted: a token that expires ends the stream (the client asks `getToken`
 * again), a server that shuts down completes it (the client comes back when the server does); either
 * way the fresh stream starts at revision 1 and patches follow. A token the server refuses (401) is
 * asked for again with `rejected: true`, and the operation fails after MAX_AUTH_ATTEMPTS refusals.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RenameDocumentMutation, WatchDocumentQuery } from '../../examples/node-client/operations.js';
import { createLiveClient, type LiveClient, type LiveClientOptions } from '../../client/liveClient.js';
import { MAX_AUTH_ATTEMPTS, type TokenRequest } from '../../client/tokenAuth.js';
import { CreateDocumentMutation } from '../../web-client/src/operations/documents.js';
import { signTestToken } from '../support/auth.js';
import { TEST_VIEWER } from '../support/clients.js';
import { withTimeout } from '../support/waitFor.js';
import { request } from './support/graphqlHttp.js';
import { startRestartableServer, type RestartableServer } from './support/restartableServer.js';

let s: RestartableServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  s = await startRestartableServer({ seed: false });
});
afterAll(async () => {
  await s.dispose();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

function sseClient(options: Partial<LiveClientOptions>): LiveClient {
  const client = createLiveClient({ transport: 'sse', url: s.httpUrl, backoff: { baseMs: 50, maxMs: 250 }, ...options });
  clients.push(client);
  return client;
}

async function createDocument(title: string): Promise<string> {
  return (await request(s.httpUrl, CreateDocumentMutation, { input: { title } })).createDocument.id;
}

/** Takes results until one has `title`, returning it. */
async function untilTitle(updates: AsyncIterator<{ revision?: number; data?: { document?: { title: string } | null } | null }>, title: string) {
  for (;;) {
    const next = await withTimeout(updates.next(), 10_000, `a result titled ${title}`);
    if (next.done === true) throw new Error(`the live query ended before ${title}`);
    if (next.value.data?.document?.title === title) return next.value;
  }
}

describe('SSE streams that end are restarted', () => {
  it('asks for a fresh token when the stream ends at token expiry, and stays live', async () => {
    const id = await createDocument('Expiring');
    const requests: TokenRequest[] = [];
    const client = sseClient({
      getToken: (tokenRequest) => {
        requests.push(tokenRequest);
        // The first token expires within 2 s; the server then ends the stream.
        return signTestToken(TEST_VIEWER, { expiresInSeconds: requests.length === 1 ? 2 : 3_600 });
      },
    });
    const updates = client.live(WatchDocumentQuery, { id });
    expect((await withTimeout(updates.next(), 5_000, 'the first result')).value).toMatchObject({ revision: 1 });

    // The restarted stream resumes: an empty patch under the next revision, the same result.
    const restarted = await withTimeout(updates.next(), 10_000, 'the result of the restarted stream');
    expect(restarted.value).toMatchObject({ revision: 2, data: { document: { id, title: 'Expiring' } } });
    expect(requests.length).toBeGreaterThanOrEqual(2);

    await request(s.httpUrl, RenameDocumentMutation, { id, title: 'After expiry' });
    expect(await untilTitle(updates, 'After expiry')).toMatchObject({ revision: 3 });
    await updates.return?.();
  });

  it('comes back after the server restarts, resuming where it was', async () => {
    const id = await createDocument('Restart');
    const client = sseClient({ getToken: () => signTestToken(TEST_VIEWER) });
    const updates = client.live(WatchDocumentQuery, { id });
    expect((await withTimeout(updates.next(), 5_000, 'the first result')).value).toMatchObject({ revision: 1 });
    await request(s.httpUrl, RenameDocumentMutation, { id, title: 'Before restart' });
    expect(await untilTitle(updates, 'Before restart')).toMatchObject({ revision: 2 });

    // Shutdown completes the stream; a live query's stream is restarted, not ended.
    await s.stop();
    await s.start();
    // The restarted server signs with the same secret and finds the result unchanged: an empty patch.
    const restarted = await withTimeout(updates.next(), 10_000, 'the result after the restart');
    expect(restarted.value).toMatchObject({ revision: 3, data: { document: { title: 'Before restart' } } });
    expect(client.connection.get()).toBe('live');
    await request(s.httpUrl, RenameDocumentMutation, { id, title: 'After restart' });
    expect(await untilTitle(updates, 'After restart')).toMatchObject({ revision: 4 });
    await updates.return?.();
  });
});

describe('SSE and the viewer token', () => {
  it('replaces a refused token (401) and connects', async () => {
    const id = await createDocument('Refused once');
    const requests: TokenRequest[] = [];
    const client = sseClient({
      getToken: (tokenRequest) => {
        requests.push(tokenRequest);
        return signTestToken(TEST_VIEWER, { secret: requests.length === 1 ? 'not-the-secret-0123456789-abcdefghijklmnop' : undefined });
      },
    });
    const first = await withTimeout(client.live(WatchDocumentQuery, { id }).next(), 5_000, 'the first result');
    expect(first.value).toMatchObject({ revision: 1 });
    expect(requests).toEqual([{ rejected: false }, { rejected: true }]);
  });

  it(`fails the operation after ${MAX_AUTH_ATTEMPTS} refusals in a row`, async () => {
    const id = await createDocument('Refused');
    let asked = 0;
    const client = sseClient({
      getToken: () => {
        asked++;
        return signTestToken(TEST_VIEWER, { expiresInSeconds: -10 });
      },
    });
    const failure = withTimeout(client.live(WatchDocumentQuery, { id }).next(), 5_000, 'the failure');
    await expect(failure).rejects.toThrow(/refused the viewer's token \(401: .*\); sign in again/);
    expect(asked).toBe(MAX_AUTH_ATTEMPTS);
    expect(client.connection.get()).toBe('idle');
  });
});
