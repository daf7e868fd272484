/**
 * The app's client for the tab's current viewer: a new one (new connection, empty cache) whenever
 * the viewer signs in or out, since what the server shows depends on who asks. A refreshed token for
 * the same viewer keeps the client: the socket reconnects by itself.
 */
import type { ViewerSession } from '../auth/viewerSession.js';
import { createAppClient, type AppClient } from './createAppClient.js';

/** The current client, observable (React's useSyncExternalStore). */
export interface AppClients {
  readonly get: () => AppClient;
  readonly subscribe: (listener: () => void) => () => void;
}

/** Follows `session`, disposing the previous viewer's client. */
export function createAppClients(session: ViewerSession): AppClients {
  const credentials = { getToken: session.getToken, authorization: session.authorization };
  let name = session.get()?.name ?? null;
  let current = createAppClient(credentials);
  const listeners = new Set<() => void>();
  session.subscribe(() => {
    const next = session.get()?.name ?? null;
    if (next === name) return;
    name = next;
    void current.dispose();
    current = createAppClient(credentials);
    for (const listener of [...listeners]) listener();
  });
  return {
    get: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
