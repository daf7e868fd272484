/**
 * The mutation rate limit (graphql/mutationRate.ts) in yoga's pipeline, which HTTP requests and
 * graphql-ws operations both execute through: an operation over the limit is answered with the
 * `RATE_LIMITED` error and runs nothing. Over HTTP the answer is 429 with `Retry-After` in seconds.
 */
import type { IncomingMessage } from 'node:http';
import type { ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { retryAfterMsOf, type MutationRateLimit } from '../../graphql/mutationRate.js';
import type { AppContext } from '../../graphql/context.js';
import { ANONYMOUS } from '../../graphql/viewer.js';
import { clientKey } from '../clientKey.js';

/** What the plugin reads of an execution's context: the viewer, and the request when the transport put it there. */
type RateContext = Partial<Pick<AppContext, 'viewer'>> & { req?: IncomingMessage };

/** The yoga plugin. */
export function useMutationRateLimit(limit: MutationRateLimit): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const { contextValue, document, operationName } = args as ExecutionArgs;
      const context = (contextValue ?? {}) as RateContext;
      const refused = limit.admit(clientKey(context.viewer ?? ANONYMOUS, context.req), document, operationName);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onResultProcess(payload) {
      const result = payload.result;
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const status = rateLimitedStatus(result.errors ?? []);
      if (!status) return;
      payload.setResult({ ...result, extensions: { ...result.extensions, http: status } });
    },
  };
}

/** The HTTP status and headers of a result refused by the rate limit, else undefined. */
export function rateLimitedStatus(
  errors: readonly { extensions?: Record<string, unknown> | undefined }[],
): { status: 429; headers: { 'Retry-After': string } } | undefined {
  for (const error of errors) {
    const retryAfterMs = retryAfterMsOf(error);
    if (retryAfterMs !== undefined) return { status: 429, headers: { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) } };
  }
  return undefined;
}
