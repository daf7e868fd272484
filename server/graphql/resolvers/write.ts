/** How resolvers run store writes. */
import { toGraphQLError } from '../errors.js';

/** Runs a store write, turning NOT_FOUND/CONFLICT into coded GraphQL errors. */
export function write<T>(promise: Promise<T>): Promise<T> {
  return promise.catch(toGraphQLError);
}
