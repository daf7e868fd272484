/** OPERATORS: the viewers who may read the server status in production, validated where it enters. */
import { MAX_CLAIM_CHARS } from '../graphql/auth/viewerOfClaims.js';

/**
 * Reads OPERATORS: comma-separated viewer ids (the `sub` of their tokens), each 1 to 200 characters
 * after trimming; unset or empty: none. Throws naming what was expected and what arrived.
 */
export function readOperators(value: string | undefined): readonly string[] {
  if (value === undefined || value.trim() === '') return [];
  const ids = value.split(',').map((item) => item.trim());
  ids.forEach((id, index) => {
    if (id.length === 0 || id.length > MAX_CLAIM_CHARS) {
      throw new Error(
        `OPERATORS expects comma-separated viewer ids of 1 to ${MAX_CLAIM_CHARS} characters, but entry ${index + 1} of ${JSON.stringify(value)} has ${id.length}.`,
      );
    }
  });
  return [...new Set(ids)];
}
