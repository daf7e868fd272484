/** Checks of mutation input beyond what the schema's types enforce; failures are BAD_USER_INPUT. */
import { userError } from './errors.js';

/** Length limits of text fields (documented in the schema's descriptions). */
export const LIMITS = {
  title: 500,
  heading: 500,
  body: 100_000,
  name: 200,
  label: 200,
  tag: 50,
  tags: 50,
  rowsPerCall: 10_000,
  idsPerCall: 10_000,
  author: 100,
  comment: 10_000,
  viewerId: 200,
} as const;

/** Returns `value` if its length is within [min, max]; throws BAD_USER_INPUT naming the field. */
export function checkText(field: string, value: string, min: number, max: number): string {
  if (value.length < min || value.length > max) {
    throw userError(
      'BAD_USER_INPUT',
      `${field} must be ${min} to ${max} characters long, but got ${value.length}.`,
    );
  }
  return value;
}

/** Returns the tags if there are at most 50, each 1 to 50 characters; duplicates are dropped. */
export function checkTags(tags: readonly string[]): string[] {
  if (tags.length > LIMITS.tags) {
    throw userError('BAD_USER_INPUT', `tags must hold at most ${LIMITS.tags} tags, but got ${tags.length}.`);
  }
  tags.forEach((tag, i) => checkText(`tags[${i}]`, tag, 1, LIMITS.tag));
  return [...new Set(tags)];
}

/** Returns `value` if finite (GraphQL Float admits no NaN/Infinity, but be explicit). */
export function checkFinite(field: string, value: number): number {
  if (!Number.isFinite(value)) throw userError('BAD_USER_INPUT', `${field} must be a finite number, but got ${value}.`);
  return value;
}

/** Returns `count` if it is at most `max`. */
export function checkCount(field: string, count: number, max: number): void {
  if (count > max) throw userError('BAD_USER_INPUT', `${field} accepts at most ${max} items, but got ${count}.`);
}
