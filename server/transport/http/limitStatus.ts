/**
 * Every query over a limit is answered with the limit's status (400, or 413 for a query text over its
 * size), whatever media type the client accepts. yoga marks parse errors as spec errors, answered 200
 * under `application/json`; the limits checked while parsing (size, tokens, nesting) are refusals of
 * this server, like the limits checked in validation.
 */
import type { Plugin } from 'graphql-yoga';
import { isLimitError, limitStatus } from '../../graphql/limitError.js';

/** The yoga plugin: a single result with a limit error gets that limit's status; a 413 closes the connection. */
export function useLimitStatus(): Plugin {
  return {
    onResultProcess(payload) {
      const result = payload.result;
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const limit = result.errors?.find(isLimitError);
      if (!limit) return;
      const extensions = asRecord(result.extensions);
      const status = limitStatus(limit);
      payload.setResult({ ...result, extensions: { ...extensions, http: { ...asRecord(extensions.http), status } } });
    },
    onResponse({ response }) {
      // A body refused while it streamed in was not read to its end: the connection cannot carry
      // another request, and the client must know not to reuse it.
      if (response.status === 413) response.headers.set('connection', 'close');
    },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
}
