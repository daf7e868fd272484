/**
 * The verified viewer reaches the resolvers' context on every path: the HTTP fast path and yoga's
 * (POST, GET), and graphql-ws's ordinary and live operations. The transports are composed as
 * startServer composes them, with a context factory that notes each viewer it is asked for.
 */
import { createMutationRateLimit } from '../../server/graphql/mutationRate.js';
import { createOriginPolicy } from '../../server/transport/originPolicy.js';
import { createCostLimit } from '../../server/graphql/costGuards.js';
import { createListSizes } from '../../server/graphql/listSizes.js';
import { createQueryCaches } from '../../server/graphql/queryCaches.js';
import { DEFAULT_REQUEST_LIMITS } from '../../server/graphql/requestLimits.js';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createTokenVerifier } from '../../server/graphql/auth/verifyToken.js';
import { createContext, type ContextFactory } from '../../server/graphql/context.js';
import { buildSchema } from '../../server/graphql/schema.js';
import { createLiveQueryEngine } from '../../server/live/liveQueryEngine.js';
import { createLogger } from '../../server/runtime/logger.js';
import { openStore } from '../../server/store/openStore.js';
import type { Store } from '../../server/store/types.js';
import { createLivedocYoga } from '../../server/transport/http/createLivedocYoga.js';
import { createGraphQLPostHandler } from '../../server/transport/http/graphqlPost.js';
import { listen, type ListenAddress } from '../../server/transport/http/listen.js';
import { attachGraphQLWs } from '../../server/transport/ws/graphqlWs.js';
import { bearer, TEST_AUTH_SECRET } from '../support/auth.js';
import { subscribeLive } from '../support/clients.js';

const QUERY = '{ document(id: "welcome") { id } }';
const seen: (string | null)[] = [];
let dataDir: string;
let store: Store;
let address: ListenAddress;
let close: () => Promise<void>;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-viewer-'));
  store = await openStore({ dataDir, seed: true });
  const schema = buildSchema();
  const logger = createLogger('silent');
  const verify = createTokenVerifier({ secret: TEST_AUTH_SECRET });
  const noting: ContextFactory = (viewer) => {
    seen.push(viewer.id);
    return createContext(store, viewer);
  };
  const limits = DEFAULT_REQUEST_LIMITS;
  const costLimit = createCostLimit(limits.maxCost, createListSizes());
  const queryCaches = createQueryCaches();
  const originPolicy = createOriginPolicy({ allowedOrigins: undefined, production: false });
  const mutationRate = createMutationRateLimit({ ratePerSecond: 50, burst: 200 });
  const yoga = createLivedocYoga({
    ...{ schema, createContext: noting, verify, production: false, logger, webRoot: null, limits, costLimit, queryCaches },
    ...{ originPolicy, graphiql: true, introspection: true, mutationRate },
  });
  const engine = createLiveQueryEngine({ schema });
  const server = http.createServer(createGraphQLPostHandler({ yoga, schema, createContext: noting, verify, logger, production: false, costLimit, maxBodyBytes: limits.maxBodyBytes, mutationRate }));
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const closeSockets = attachGraphQLWs({ wss, yoga, engine, createContext: noting, verify, logger, production: false, originPolicy });
  address = await listen(server, 0, '127.0.0.1');
  close = async () => {
    await closeSockets();
    engine.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
});
afterAll(async () => {
  await close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function post(authorization: string | undefined): Promise<number> {
  const response = await fetch(address.httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
    body: JSON.stringify({ query: QUERY }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('the viewer in the context', () => {
  it('over HTTP: yoga, the fast path and GET', async () => {
    seen.length = 0;
    expect(await post(await bearer('ann'))).toBe(200); // yoga: the text is new
    expect(await post(await bearer('ann'))).toBe(200); // the fast path
    expect(await post(undefined)).toBe(200);
    const response = await fetch(`${address.httpUrl}?query=${encodeURIComponent(QUERY)}`, { headers: { authorization: await bearer('bob') } });
    expect(response.status).toBe(200);
    expect(seen).toEqual(['ann', 'ann', null, 'bob']);
  });

  it('over graphql-ws: ordinary and live operations use the socket\'s viewer', async () => {
    seen.length = 0;
    const client = createClient({ url: address.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: await bearer('cy') } });
    try {
      for await (const result of client.iterate({ query: QUERY })) {
        expect(result).toMatchObject({ data: { document: { id: 'welcome' } } });
        break;
      }
      const live = subscribeLive(client, 'query L @live { document(id: "welcome") { id } }');
      await live.next();
      live.dispose();
      expect(seen).toEqual(['cy', 'cy']);
    } finally {
      await client.dispose();
    }
  });
});
