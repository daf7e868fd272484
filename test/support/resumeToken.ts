/** What tests expect of resume tokens on the wire (docs/protocol.md, "Resume"). */
import { expect } from 'vitest';

/** Any token the server makes: `a`, hash and tag (36 base64url characters), `.`, the revision in base 36. */
export const RESUME_TOKEN = /^a[A-Za-z0-9_-]{36}\.[0-9a-z]{1,8}$/;

/** `payload` as the server sends it: with `extensions.live.resume`, a token of its revision. */
export function withToken<T extends { revision: number }>(payload: T): T & { extensions: { live: { resume: string } } } {
  const token = expect.stringMatching(new RegExp(`\\.${payload.revision.toString(36)}$`)) as unknown as string;
  return { ...payload, extensions: { live: { resume: token } } };
}
