/**
 * Who the load generator is on each server. livedoc needs a signed-in viewer to write (anonymous
 * writes answer FORBIDDEN) and makes new items PRIVATE, so there the writer signs in and publishes
 * what it creates for anonymous watchers; scenarios with distinct viewers sign each socket in as its
 * own viewer. The peer and the raw floor have no viewers: nothing is signed or sent there.
 */
import { bearer } from '../../test/support/auth.js';
import type { ServerKind } from './types.js';

/** The writer's viewer id (the `sub` of its token). */
export const WRITER_ID = 'bench-writer';

/** How the generator writes on one server. */
export interface Writer {
  /** `Bearer <jwt>` on livedoc; undefined on servers without viewers. */
  authorization: string | undefined;
  /** Make created documents and datasets PUBLIC, so anonymous watchers may read them. */
  publish: boolean;
}

/**
 * The writer of `server`. Tokens are HS256 with the tests' AUTH_SECRET, which
 * test/support/serverProcess.ts starts every server with; they last an hour, longer than a session.
 */
export async function writerFor(server: ServerKind): Promise<Writer> {
  if (server !== 'livedoc') return { authorization: undefined, publish: false };
  return { authorization: await bearer(WRITER_ID), publish: true };
}

/** The id of distinct viewer `index`. */
export function viewerId(index: number): string {
  return `bench-viewer-${index}`;
}

/** `Bearer <jwt>` of viewers 0…count-1, each its own `sub`. */
export function viewerAuthorizations(count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => bearer(viewerId(i))));
}
