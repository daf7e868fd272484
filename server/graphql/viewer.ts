/**
 * Who is asking: the viewer of one request or connection, from a verified token (anonymous without
 * one). Resolvers read it as `context.viewer`; the live engine groups results that read it per
 * distinct {@link accessScope}.
 */

/** A verified viewer, or the anonymous one. */
export interface Viewer {
  /** The token's `sub`; null for anonymous. */
  readonly id: string | null;
  /** The token's `name`, if any. */
  readonly name: string | null;
  /** When the token expires (ms since the epoch); null when it does not, or for anonymous. */
  readonly expiresAt: number | null;
}

/** The viewer of requests without a token: reads PUBLIC items only and never writes. */
export const ANONYMOUS: Viewer = Object.freeze({ id: null, name: null, expiresAt: null });

/** The live engine's grouping value for results that depend on the viewer: one per distinct access. */
export function accessScope(viewer: Viewer): string {
  return viewer.id === null ? 'anonymous' : `viewer:${viewer.id}`;
}
