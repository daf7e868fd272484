/**
 * Every query over a limit is answered 400, whatever media type the client accepts. yoga marks parse
 * errors as spec errors, answered 200 under `application/json`; the limits checked while parsing
 * (tokens, nesting) are refusals of this server, like the limits checked in validation.
 */
import type { Plugin } from 'graphql-yoga';
import { isLimitError } from '../../graphql/limitError.js';

/** The yoga plugin: a single result with a limit error gets status 400. */
export function useLimitStatus(): Plugin {
  return {
    onResultProcess(payload) {
      const result = payload.result;
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      if (!result.errors?.some(isLimitError)) return;
      const extensions = asRecord(result.extensions);
      payload.setResult({ ...result, extensions: { ...extensions, http: { ...asRecord(extensions.http), status: 400 } } });
    },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? { ...value } : {};
}
