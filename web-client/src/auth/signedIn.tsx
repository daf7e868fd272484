/**
 * The tab's viewer for any component: the session is provided once at the top, and `useSignedIn`
 * re-renders its component when the tab signs in or out.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SignedIn, ViewerSession } from './viewerSession.js';

const SessionContext = createContext<ViewerSession | null>(null);

/** Makes `session` the one {@link useSignedIn} reads below it. */
export function ViewerSessionProvider({ session, children }: { session: ViewerSession; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

const nobody = () => () => {};
const anonymous = () => null;

/** The signed-in viewer of the tab, or null when anonymous (or outside a provider). */
export function useSignedIn(): SignedIn | null {
  const session = useContext(SessionContext);
  return useSyncExternalStore(session?.subscribe ?? nobody, session?.get ?? anonymous);
}
