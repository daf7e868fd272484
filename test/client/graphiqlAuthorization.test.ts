/**
 * GraphiQL's fetcher with the headers editor's Authorization: sent as a header over HTTP, and in the
 * `connection_init` of a socket per Authorization value for live queries (real sockets, real server).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLiveSocket, type LiveSocket } from '../../client/index.js';
import { createLiveFetcher } from '../../web-client/src/graphiql/createLiveFetcher.js';
import { socketsByAuthorization } from '../../web-client/src/graphiql/socketsByAuthorization.js';
import { bearer } from '../support/auth.js';
import { startTestServer, type TestServer } from '../support/liveServer.js';
import { withTimeout } from '../support/waitFor.js';

let t: TestServer;
const sockets: LiveSocket[] = [];
beforeAll(async () => {
  t = await startTestServer({ seed: true });
});
afterAll(() => t.dispose());
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.dispose()));
});

function fetcherFor() {
  const payloads: unknown[] = [];
  const socketFor = socketsByAuthorization((connectionParams) => {
    payloads.push(connectionParams);
    const socket = createLiveSocket({ url: t.server.wsUrl, webSocketImpl: WebSocket, connectionParams, backoff: { baseMs: 50, maxMs: 200 } });
    sockets.push(socket);
    return socket;
  });
  const fetcher = createLiveFetcher({ httpUrl: t.server.httpUrl, socketFor }) as unknown as (
    params: { query: string; operationName?: string },
    opts?: { headers?: Record<string, unknown> },
  ) => Promise<unknown>;
  return { fetcher, payloads, socketFor };
}

async function first(result: unknown): Promise<unknown> {
  if (typeof result === 'object' && result !== null && Symbol.asyncIterator in result) {
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const { value } = await withTimeout(iterator.next(), 5_000, 'the first live result');
    await iterator.return?.();
    return value;
  }
  return result;
}

const LIVE = 'query W @live { document(id: "welcome") { id } }';

describe('GraphiQL fetcher and Authorization', () => {
  it('sends the header over HTTP: a refused token shows the 401 error', async () => {
    const { fetcher } = fetcherFor();
    const shown = await first(await fetcher({ query: '{ document(id: "welcome") { id } }' }, { headers: { Authorization: 'Bearer nope' } }));
    expect(shown).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('runs live queries on a socket whose connection_init carries the Authorization value', async () => {
    const { fetcher, payloads } = fetcherFor();
    const authorization = await bearer('ann');
    const shown = await first(await fetcher({ query: LIVE }, { headers: { authorization } }));
    expect(shown).toMatchObject({ data: { document: { id: 'welcome' } }, extensions: { revision: 1 } });
    expect(await first(await fetcher({ query: LIVE }))).toMatchObject({ data: { document: { id: 'welcome' } } });
    expect(payloads).toEqual([{ authorization }, undefined]);

  });
});
