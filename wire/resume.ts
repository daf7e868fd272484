/**
 * Resume (docs/protocol.md, "Resume"): every live `next` payload carries `extensions.live.resume`, an
 * opaque token naming the state its client holds after that message; a client re-subscribing the same
 * operation sends it back in its `subscribe` payload, `extensions: { live: { resume } }`, and gets a
 * patch from that state (or, when the server cannot know it, the whole result at revision 1).
 */

/** The longest token a server sends, and accepts. */
export const RESUME_TOKEN_MAX_LENGTH = 64;

/** The live extensions of a payload: `{ live: { resume } }`. */
export interface LiveExtensions {
  live?: { resume?: string };
}

/**
 * The resume token in a payload's or a request's `extensions`: the token, undefined when there is
 * none, or an `{ error }` saying what was expected and what arrived.
 */
export function resumeTokenIn(extensions: unknown): string | undefined | { error: string } {
  if (!isRecord(extensions) || extensions.live === undefined || extensions.live === null) return undefined;
  const live = extensions.live;
  if (!isRecord(live)) return { error: `Expected extensions.live to be an object, but got ${kindOf(live)}.` };
  const token = live.resume;
  if (token === undefined || token === null) return undefined;
  if (typeof token !== 'string' || token.length === 0 || token.length > RESUME_TOKEN_MAX_LENGTH) {
    const got = typeof token === 'string' ? `a string of ${token.length} characters` : kindOf(token);
    return { error: `Expected extensions.live.resume to be a token of 1 to ${RESUME_TOKEN_MAX_LENGTH} characters, but got ${got}.` };
  }
  return token;
}

/** `extensions` with `live.resume` set to `token` (or removed, for undefined); other members kept. */
export function withResumeToken(extensions: Record<string, unknown> | undefined | null, token: string | undefined): Record<string, unknown> | undefined {
  const { live, ...rest } = extensions ?? {};
  const liveRest = isRecord(live) ? Object.fromEntries(Object.entries(live).filter(([key]) => key !== 'resume')) : {};
  const nextLive = token === undefined ? liveRest : { ...liveRest, resume: token };
  const next = Object.keys(nextLive).length > 0 ? { ...rest, live: nextLive } : rest;
  return Object.keys(next).length > 0 ? next : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
