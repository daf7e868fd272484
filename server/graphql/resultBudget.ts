/**
 * The result-size cap of one execution: resolvers' leaf values are counted (meterResults.ts) against
 * a budget in the context, and once it is spent every further field fails at once, so the execution
 * ends after little more work. The execution's answer is then a single error, RESULT_TOO_LARGE,
 * instead of its partial data (see {@link capResult}).
 */
import { GraphQLError, type ExecutionResult } from 'graphql';

/** What one execution may still return, in approximate JSON bytes. */
export interface ResultBudget {
  /** The cap, in bytes. */
  readonly limit: number;
  /** Bytes counted so far. */
  used: number;
}

/** A fresh budget of `limit` bytes. */
export function createResultBudget(limit: number): ResultBudget {
  return { limit, used: 0 };
}

/** True once the execution's values passed the cap. */
export function isSpent(budget: ResultBudget): boolean {
  return budget.used > budget.limit;
}

/** The error of an execution whose result passed `limit` bytes (code RESULT_TOO_LARGE). */
export function resultTooLargeError(limit: number): GraphQLError {
  return new GraphQLError(
    `Result too large: expected a result of at most ${limit} bytes, but the values resolved so far passed it. ` +
      'Select fewer fields, fewer aliases or smaller lists.',
    { extensions: { code: 'RESULT_TOO_LARGE' } },
  );
}

/** The budget of a context made by createContext (context.ts), if it carries one. */
export function budgetOf(context: unknown): ResultBudget | undefined {
  if (typeof context !== 'object' || context === null || !('resultBudget' in context)) return undefined;
  const budget = context.resultBudget;
  return typeof budget === 'object' && budget !== null && 'limit' in budget && 'used' in budget ? (budget as ResultBudget) : undefined;
}

/**
 * An execution's result as answered: when its context's budget was spent, `data: null` and the one
 * RESULT_TOO_LARGE error (the partial data and the errors of every field refused after it go);
 * otherwise the result as it is.
 */
export function capResult(result: ExecutionResult, context: unknown): ExecutionResult {
  const budget = budgetOf(context);
  if (!budget || !isSpent(budget)) return result;
  return { data: null, errors: [resultTooLargeError(budget.limit)] };
}

/** True for a RESULT_TOO_LARGE error (as formatted or not). */
export function isResultTooLarge(error: { extensions?: Readonly<Record<string, unknown>> | undefined }): boolean {
  return error.extensions?.code === 'RESULT_TOO_LARGE';
}
