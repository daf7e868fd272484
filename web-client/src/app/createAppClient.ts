/** The urql client of the web app: live queries over graphql-ws, mutations over HTTP. */
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { liveExchange, type ConnectionState } from '../../../client/index.js';

/** The client and the status of its live connection. */
export interface AppClient {
  client: Client;
  connection: ConnectionState;
}

/** The GraphQL endpoint's WebSocket URL on the page's own origin (the dev server proxies it). */
export function socketUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** Creates the client. */
export function createAppClient(): AppClient {
  const live = liveExchange({
    url: () => socketUrl(),
    // Stay connected even between pages, so the indicator always tells the truth.
    lazy: false,
    backoff: { baseMs: 300, maxMs: 5_000 },
  });
  const client = new Client({
    url: '/graphql',
    // liveExchange first: live queries must not be answered from the cache.
    exchanges: [live, cacheExchange, fetchExchange],
    preferGetMethod: false,
  });
  return { client, connection: live.connection };
}
