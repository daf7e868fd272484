/**
 * Resume tokens (docs/protocol.md, "Resume"). A token is `a` + the state's hash + a tag + `.` + the
 * member's revision in base 36, at most 47 characters:
 *
 * - the hash (15 bytes of SHA-1 over the result's JSON and its errors' JSON, 20 base64url characters)
 *   names a state by its content, so that any instance, or this one after a restart, recognises it;
 * - the tag (12 bytes of HMAC-SHA-256 under the engine's secret over the operation, the group's
 *   viewer scope and the hash, 16 characters) makes a token that no server signed for that operation
 *   and scope worthless; it is computed once per group revision, shared by every member;
 * - the revision is the member's own and travels in clear: it only numbers what the server answers.
 *
 * A token only ever unlocks a patch from a state of the group the resuming subscriber joins (found in
 * that group's log, by hash) to that group's current state: what it sends is that subscriber's own
 * result, whoever first held the token.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A verified token: the state the client holds, and its revision of it. */
export interface ResumePoint {
  readonly hash: string;
  readonly revision: number;
}

/** Signs and reads tokens with one secret. */
export interface ResumeSigner {
  /** The hash naming a state: its data's JSON and its errors' JSON. */
  stateHash(dataJson: string, errorsJson: string): string;
  /**
   * The stamp of state `hash`: the hash and its tag, one flat 36-character string (groups keep it);
   * a member's token is `a` + stamp + `.` + its revision in base 36 ({@link resumeToken}).
   */
  stamp(operation: string, scope: string, hash: string): string;
  /** The point a token names, if it is well formed and signed for `operation` and one of `scopes`. */
  verify(token: string, operation: string, scopes: readonly string[]): ResumePoint | undefined;
}

const FORMAT = 'a';
const HASH_CHARS = 20;
const TAG_CHARS = 16;
const PREFIX_CHARS = 1 + HASH_CHARS + TAG_CHARS + 1;
/** Eight base-36 digits: revisions up to about 2.8 × 10¹² (a safe integer, however it is forged). */
const REVISION = /^[0-9a-z]{1,8}$/;

/** The scope of a group shared by every viewer, in tags (a viewer's scope is JSON: it starts with `"`). */
export const SHARED_SCOPE = '*';

/** The scope of a group's tag: its viewer's as JSON, or {@link SHARED_SCOPE}. */
export function tagScope(scope: string | undefined): string {
  return scope === undefined ? SHARED_SCOPE : JSON.stringify(scope);
}

/** A signer; without a secret (at least 32 bytes), one made up for this process (no resume after a restart). */
export function createResumeSigner(secret: Uint8Array = randomBytes(32)): ResumeSigner {
  if (secret.byteLength < 32) throw new Error(`A resume secret needs at least 32 bytes, got ${secret.byteLength}.`);
  const key = Buffer.from(secret);
  const tagOf = (operation: string, scope: string, hash: string): Buffer =>
    createHmac('sha256', key).update(operation).update('\0').update(scope).update('\0').update(hash).digest().subarray(0, 12);

  return {
    stateHash(dataJson, errorsJson) {
      return createHash('sha1').update(dataJson).update('\n').update(errorsJson).digest().subarray(0, 15).toString('base64url');
    },
    stamp(operation, scope, hash) {
      // Encoded in one piece: a concatenation would be a rope of several heap objects, kept per group.
      return Buffer.concat([Buffer.from(hash, 'base64url'), tagOf(operation, scope, hash)]).toString('base64url');
    },
    verify(token, operation, scopes) {
      if (token.length <= PREFIX_CHARS || token[0] !== FORMAT || token[PREFIX_CHARS - 1] !== '.') return undefined;
      const digits = token.slice(PREFIX_CHARS);
      if (!REVISION.test(digits)) return undefined;
      const revision = Number.parseInt(digits, 36);
      if (revision < 1) return undefined;
      const hash = token.slice(1, 1 + HASH_CHARS);
      const tag = Buffer.from(token.slice(1 + HASH_CHARS, PREFIX_CHARS - 1), 'base64url');
      if (tag.byteLength !== 12) return undefined;
      const signed = scopes.some((scope) => timingSafeEqual(tag, tagOf(operation, scope, hash)));
      return signed ? { hash, revision } : undefined;
    },
  };
}

/** The hash inside a stamp made by {@link ResumeSigner.stamp}. */
export function hashOfStamp(stamp: string): string {
  return stamp.slice(0, HASH_CHARS);
}

/** A member's token of the state `stamp` names, at its `revision`. */
export function resumeToken(stamp: string, revision: number): string {
  return `${FORMAT}${stamp}.${revision.toString(36)}`;
}
