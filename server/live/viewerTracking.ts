/**
 * Viewer tracking: whether an execution read the context's viewer. A result that never read it is
 * the same for every viewer and stays shared; one that did is grouped per viewer (viewerGroups.ts).
 * The context field is wrapped in a getter, so that any resolver reading it counts, without
 * resolvers having to declare anything.
 */

/** Set when an execution read the viewer. */
export interface ViewerReads {
  read: boolean;
}

/**
 * Returns `context` with its `field` (e.g. `viewer`) read through a getter that sets `reads.read`;
 * `context` itself when there is no such field to track.
 */
export function trackViewerReads<T extends object>(context: T, field: string | undefined, reads: ViewerReads): T {
  if (field === undefined || !(field in context)) return context;
  const value: unknown = (context as Record<string, unknown>)[field];
  const tracked = Object.create(context) as T;
  Object.defineProperty(tracked, field, {
    enumerable: true,
    get() {
      reads.read = true;
      return value;
    },
  });
  return tracked;
}
