/** The live subscriptions of a test file: each over a fresh graphql-ws client, all released after each test. */
import type { Client } from 'graphql-ws';
import { subscribeLive, wsClient, type LiveSubscription } from './clients.js';

/** Opens clients and subscriptions to the server at `wsUrl()` and releases them together. */
export interface LiveTracker {
  /** A fresh graphql-ws client, disposed by {@link release}. */
  client: () => Client;
  /** `query` live on `client` (default: a fresh one), disposed by {@link release}. */
  live: (query: string, variables?: Record<string, unknown>, client?: Client) => LiveSubscription;
  /** Disposes every subscription, then every client (for `afterEach`). */
  release: () => Promise<void>;
}

/** Creates a tracker; `wsUrl` is read when a client is made (after the file's server started). */
export function createLiveTracker(wsUrl: () => string): LiveTracker {
  const clients: Client[] = [];
  const subscriptions: LiveSubscription[] = [];
  const client = () => {
    const c = wsClient(wsUrl());
    clients.push(c);
    return c;
  };
  return {
    client,
    live: (query, variables, c = client()) => {
      const s = subscribeLive(c, query, variables);
      subscriptions.push(s);
      return s;
    },
    release: async () => {
      for (const s of subscriptions.splice(0)) s.dispose();
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
    },
  };
}
