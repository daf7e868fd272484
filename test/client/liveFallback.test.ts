/**
 * The `auto` transport (the default) behind a proxy that refuses WebSocket upgrades ends up live over
 * SSE: at once when the upgrade is answered with a status, after FALLBACK_AFTER failed attempts when
 * it is dropped. A WebSocket that was acknowledged never falls back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RenameDocumentMutation, WatchDocumentQuery } from '../../examples/node-client/operations.js';
import { FALLBACK_AFTER } from '../../client/autoSocket.js';
import { createLiveClient, type LiveClient } from '../../client/liveClient.js';
import type { LiveTransport } from '../../client/transportState.js';
import { CreateDocumentMutation } from '../../web-client/src/operations/documents.js';
import { signTestToken } from '../support/auth.js';
import { TEST_VIEWER } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { withTimeout } from '../support/waitFor.js';
import { request } from './support/graphqlHttp.js';
import { startUpgradeBlockingProxy, type UpgradeBlockingProxy } from './support/upgradeBlockingProxy.js';

let t: TestServer;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await startTestServer({ seed: false });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function proxy(refuse: 403 | 'drop'): Promise<UpgradeBlockingProxy> {
  const started = await startUpgradeBlockingProxy(t.server.httpUrl, refuse);
  cleanups.push(() => started.close());
  return started;
}

function autoClient(url: string): { client: LiveClient; transports: LiveTransport[] } {
  const client = createLiveClient({
    url,
    webSocketImpl: WebSocket,
    backoff: { baseMs: 20, maxMs: 100 },
    getToken: () => signTestToken(TEST_VIEWER),
  });
  cleanups.push(() => client.dispose());
  const transports: LiveTransport[] = [];
  client.transport.subscribe((transport) => transports.push(transport));
  return { client, transports };
}

/** Watches a new document through `client` and checks the first result and the patch after a rename. */
async function expectLive(client: LiveClient): Promise<void> {
  const { createDocument } = await request(t.server.httpUrl, CreateDocumentMutation, { input: { title: 'Fallback' } });
  const updates = client.live(WatchDocumentQuery, { id: createDocument.id });
  const first = await withTimeout(updates.next(), 10_000, 'the first result');
  expect(first.value).toMatchObject({ revision: 1, data: { document: { title: 'Fallback' } } });
  await request(t.server.httpUrl, RenameDocumentMutation, { id: createDocument.id, title: 'Patched' });
  const second = await withTimeout(updates.next(), 5_000, 'the patch');
  expect(second.value).toMatchObject({ revision: 2, data: { document: { title: 'Patched' } } });
  expect(client.connection.get()).toBe('live');
  await updates.return?.();
}

describe("transport 'auto'", () => {
  it('falls back to SSE at once when the upgrade is answered with 403', async () => {
    const blocking = await proxy(403);
    const { client, transports } = autoClient(blocking.wsUrl);
    expect(client.transport.get()).toBe('ws');
    await expectLive(client);
    expect(transports).toEqual(['sse']);
    expect(blocking.refusedUpgrades).toBe(1);
    expect(blocking.eventStreams).toBe(1);
  });

  it(`falls back to SSE after ${FALLBACK_AFTER} dropped upgrades in a row`, async () => {
    const blocking = await proxy('drop');
    // An http:// URL works too: the WebSocket attempts use its ws:// twin.
    const { client, transports } = autoClient(blocking.httpUrl);
    await expectLive(client);
    expect(transports).toEqual(['sse']);
    expect(blocking.refusedUpgrades).toBe(FALLBACK_AFTER);
  });

  it('stays on the WebSocket when it gets through', async () => {
    const { client, transports } = autoClient(t.server.wsUrl);
    await expectLive(client);
    expect(client.transport.get()).toBe('ws');
    expect(transports).toEqual([]);
  });
});
