/**
 * The cost guards as envelop plugins: the estimated result cost, refused in validation, and the
 * result-size cap, applied to what an execution returns. The live engine executes outside envelop and
 * applies {@link capResult} itself (startServer.ts); the HTTP fast path checks both too (graphqlPost.ts).
 */
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitError } from './limitError.js';
import type { ListSizes } from './listSizes.js';
import { capResult } from './resultBudget.js';
import { resultCost } from './resultCost.js';

/** The result-cost limit of one server. */
export interface CostLimit {
  /** The error refusing operation `operationName` of `document`, or undefined when within the limit. */
  check(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): GraphQLError | undefined;
}

/** A result-cost limit of `maxCost` over the estimates `sizes`. */
export function createCostLimit(maxCost: number, sizes: ListSizes): CostLimit {
  return {
    check(schema, document, operationName) {
      const cost = resultCost(schema, document, operationName, sizes);
      if (cost <= maxCost) return undefined;
      const error = limitError(
        `Result cost limit of ${maxCost} exceeded: expected an estimated cost of at most ${maxCost}, but got ` +
          `${Math.round(cost)} (each list counts as many items as the largest seen; select fewer fields, aliases or lists).`,
      );
      costErrors.add(error);
      return error;
    },
  };
}

/** Cost errors in validation results (which yoga caches by document; the cost is checked on every use). */
const costErrors = new WeakSet<GraphQLError>();

/**
 * Checks the result cost after validation, on every validation, cached or not: yoga caches validation
 * results per document (and would keep the cost error this adds, so it is dropped and checked again),
 * while the cost changes as lists grow. Only valid documents are costed.
 */
export function useCostLimit(limit: CostLimit): Plugin {
  return {
    onValidate({ params, context }: { params: { schema: GraphQLSchema; documentAST: DocumentNode }; context: unknown }) {
      return ({ result, setResult }: { result: readonly Error[]; setResult: (errors: Error[]) => void }) => {
        const kept = result.filter((error) => !(error instanceof GraphQLError && costErrors.has(error)));
        const error = kept.length > 0 ? undefined : limit.check(params.schema, params.documentAST, operationNameOf(context));
        if (error) setResult([...kept, error]);
        else if (kept.length !== result.length) setResult(kept);
      };
    },
  };
}

/** The result-size cap on executions through envelop: a spent budget answers RESULT_TOO_LARGE alone. */
export function useResultCap(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const capped = capResult(result, args.contextValue);
          if (capped !== result) setResult(capped);
        },
      };
    },
  };
}

/** The operation name in envelop's initial context (`params` of yoga, graphql-ws and the fast path). */
function operationNameOf(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || !('params' in context)) return undefined;
  const params = context.params;
  if (typeof params !== 'object' || params === null || !('operationName' in params)) return undefined;
  return typeof params.operationName === 'string' ? params.operationName : undefined;
}
