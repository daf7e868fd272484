/** A minimal client-side router over the History API; the server answers every path with index.html. */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Goes to `to` without reloading. */
export function navigate(to: string): void {
  if (to === window.location.pathname) return;
  window.history.pushState(null, '', to);
  for (const listener of [...listeners]) listener();
}

/** An anchor that navigates in place (modifier clicks still open new tabs). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

/** The routes of the app. */
export type Route =
  | { page: 'documents'; documentId: string | null }
  | { page: 'datasets'; datasetId: string | null }
  | { page: 'status' };

/** Maps a path onto a {@link Route}; unknown paths show the document list. */
export function parseRoute(path: string): Route {
  const [first, second] = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (first === 'status') return { page: 'status' };
  if (first === 'datasets') return { page: 'datasets', datasetId: second ?? null };
  if (first === 'documents' && second) return { page: 'documents', documentId: second };
  return { page: 'documents', documentId: null };
}
