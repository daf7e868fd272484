/**
 * The results a live subscription yields once patches are applied: the client's view of the wire's
 * `LiveResult` messages (wire/liveResult.ts), always whole.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { JsonObject } from '../wire/json.js';

/**
 * A full, current result. `revision` is the live revision it is at (1 for the first result), or
 * undefined for an ordinary, non-live result (e.g. `@live(if: false)` or a subscription event).
 */
export interface FullResult<TData = JsonObject> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
  revision?: number;
}
