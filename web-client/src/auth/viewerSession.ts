/**
 * Who this tab is signed in as: a name and its dev token, kept in sessionStorage so that two tabs
 * can be two people (and a reload keeps the tab's viewer). Gives the live socket its token
 * (`getToken`), fetching a fresh one for the same name when the server refused the last (4403).
 */
import { bearer, type TokenRequest } from '../../../client/index.js';
import { requestDevToken } from './devToken.js';

const KEY = 'livedoc.viewer';

/** The signed-in viewer of this tab. */
export interface SignedIn {
  readonly name: string;
  readonly token: string;
}

/** The tab's viewer, observable (React's useSyncExternalStore), and the token for connections. */
export interface ViewerSession {
  /** The viewer, or null when anonymous. The same object until the viewer or its token changes. */
  readonly get: () => SignedIn | null;
  readonly subscribe: (listener: () => void) => () => void;
  /** Signs in as `name`; throws with the server's reason when it refuses. */
  readonly signIn: (name: string) => Promise<void>;
  /** Back to anonymous. */
  readonly signOut: () => void;
  /** The live socket's `getToken`: the stored token, or a fresh one after a refusal. */
  readonly getToken: (request: TokenRequest) => Promise<string | null>;
  /** The `Authorization` header value for HTTP requests, undefined when anonymous. */
  readonly authorization: () => string | undefined;
}

/** Creates the session from what this tab stored. */
export function createViewerSession(): ViewerSession {
  let viewer = load();
  const listeners = new Set<() => void>();
  const set = (next: SignedIn | null) => {
    viewer = next;
    save(next);
    for (const listener of [...listeners]) listener();
  };

  /** A token for `name` from the server; signs out when the server has no dev tokens. */
  const fetchToken = async (name: string, replacing: SignedIn | null): Promise<string | null> => {
    const answer = await requestDevToken(name);
    // Signed in or out meanwhile: that choice stands.
    if (viewer !== replacing) return viewer?.token ?? null;
    if (answer.kind === 'unavailable') {
      set(null);
      return null;
    }
    set({ name, token: answer.token });
    return answer.token;
  };

  return {
    get: () => viewer,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    signIn: async (name) => {
      const token = await fetchToken(name, viewer);
      if (token === null) throw new Error('This server does not offer sign-in.');
    },
    signOut: () => set(null),
    getToken: async ({ rejected }) => {
      if (!viewer) return null;
      // Expired or signed by a previous server start (dev secrets are per start): ask again.
      return rejected ? fetchToken(viewer.name, viewer) : viewer.token;
    },
    authorization: () => bearer(viewer?.token),
  };
}

function load(): SignedIn | null {
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return null;
    if (!('name' in stored && typeof stored.name === 'string' && 'token' in stored && typeof stored.token === 'string')) return null;
    return { name: stored.name, token: stored.token };
  } catch {
    // Unreadable or blocked storage: anonymous.
    return null;
  }
}

function save(viewer: SignedIn | null): void {
  try {
    if (viewer) window.sessionStorage.setItem(KEY, JSON.stringify(viewer));
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Blocked storage: the viewer lasts until the page is reloaded.
  }
}
