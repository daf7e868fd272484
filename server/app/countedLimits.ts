/**
 * The per-server limits that refuse through one object each — token verification, the mutation rate,
 * the result cost, the live result cap — wrapped to count each refusal under its limit's name. The
 * other limits count where they refuse (query shape in graphql/limits.ts, sockets and live queries
 * per socket in the transports).
 */
import type { ExecutionResult } from 'graphql';
import type { TokenVerifier } from '../graphql/auth/verifyToken.js';
import type { CostLimit } from '../graphql/costGuards.js';
import type { MutationRateLimit } from '../graphql/mutationRate.js';
import type { LimitName } from '../metrics/transportMetrics.js';

/** The limits, each counting its refusals through `limitHit`. */
export function countedLimits<T extends { verify: TokenVerifier; mutationRate: MutationRateLimit; costLimit: CostLimit }>(
  limits: T,
  limitHit: (limit: LimitName) => void,
): T {
  const { verify, mutationRate, costLimit } = limits;
  return {
    ...limits,
    verify: async (authorization, where) => {
      const authentication = await verify(authorization, where);
      if ('error' in authentication) limitHit('unauthenticated');
      return authentication;
    },
    mutationRate: {
      admit(clientKey, document, operationName) {
        const refusal = mutationRate.admit(clientKey, document, operationName);
        if (refusal) limitHit('mutation_rate');
        return refusal;
      },
    },
    costLimit: {
      check(schema, document, operationName) {
        const refusal = costLimit.check(schema, document, operationName);
        if (refusal) limitHit('cost');
        return refusal;
      },
    },
  };
}

/** `cap` (the result cap of live executions), counting the results it replaces. */
export function countedCap(
  cap: (result: ExecutionResult, context: unknown) => ExecutionResult,
  limitHit: (limit: LimitName) => void,
): (result: ExecutionResult, context: unknown) => ExecutionResult {
  return (result, context) => {
    const capped = cap(result, context);
    if (capped !== result) limitHit('result_bytes');
    return capped;
  };
}
