/**
 * The app's client for the tab's current viewer: a new one (new connection, empty cache) whenever
 * the viewer signs in or out, since what the server shows depends on who asks, and whenever the
 * transport setting changes. A refreshed token for the same viewer keeps the client: the socket
 * reconnects by itself.
 */
import type { ViewerSession } from '../auth/viewerSession.js';
import { createAppClient, type AppClient } from './createAppClient.js';
import type { TransportSetting } from './transportSetting.js';

/** The current client, observable (React's useSyncExternalStore). */
export interface AppClients {
  readonly get: () => AppClient;
  readonly subscribe: (listener: () => void) => () => void;
}

/** Follows `session` and `transport`, disposing the client they replace. */
export function createAppClients(session: ViewerSession, transport: TransportSetting): AppClients {
  const credentials = { getToken: session.getToken, authorization: session.authorization };
  let name = session.get()?.name ?? null;
  let current = createAppClient(credentials, transport.get());
  const listeners = new Set<() => void>();
  const replace = () => {
    void current.dispose();
    current = createAppClient(credentials, transport.get());
    for (const listener of [...listeners]) listener();
  };
  session.subscribe(() => {
    const next = session.get()?.name ?? null;
    if (next === name) return;
    name = next;
    replace();
  });
  transport.subscribe(replace);
  return {
    get: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
