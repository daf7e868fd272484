/**
 * The urql client of the web app: live queries over graphql-ws or SSE (the transport setting),
 * mutations over HTTP, as the tab's viewer.
 */
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { liveExchange, type ConnectionState, type GetToken, type TransportChoice, type TransportState } from '../../../client/index.js';

/** The client and the status of its live connection. */
export interface AppClient {
  client: Client;
  connection: ConnectionState;
  /** The transport the live queries use now (`auto` may switch from `ws` to `sse`). */
  transport: TransportState;
  /** Closes the live connection (when the viewer changes, a new client takes over). */
  dispose(): Promise<void>;
}

/** Where the client gets the viewer's token: for the socket, and for HTTP requests. */
export interface ViewerCredentials {
  getToken: GetToken;
  /** The `Authorization` header value, undefined when anonymous. */
  authorization(): string | undefined;
}

/** The GraphQL endpoint's WebSocket URL on the page's own origin (the dev server proxies it). */
export function socketUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** Creates the client for the viewer whose credentials these are, on the chosen transport. */
export function createAppClient(credentials: ViewerCredentials, transport: TransportChoice = 'auto'): AppClient {
  const live = liveExchange({
    transport,
    // SSE requests go to its http(s) twin.
    url: () => socketUrl(),
    // Stay connected even between pages, so the indicator always tells the truth.
    lazy: false,
    backoff: { baseMs: 300, maxMs: 5_000 },
    // Asked on every connection (every stream over SSE); after a 4403 or 401 it fetches a fresh one.
    getToken: credentials.getToken,
  });
  const client = new Client({
    url: '/graphql',
    // liveExchange first: live queries must not be answered from the cache.
    exchanges: [live, cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: () => {
      const authorization = credentials.authorization();
      return authorization ? { headers: { authorization } } : {};
    },
  });
  return { client, connection: live.connection, transport: live.transport, dispose: () => live.dispose() };
}
