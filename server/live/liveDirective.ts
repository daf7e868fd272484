/**
 * Reading the `@live(if:, throttle:)` directive of an operation. The directive is declared in the
 * schema `on QUERY`, so graphql-js validation already rejects it on mutations and subscriptions.
 */
import {
  GraphQLError,
  OperationTypeNode,
  getDirectiveValues,
  getOperationAST,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

/** The directive's name in the schema. */
const LIVE_DIRECTIVE = 'live';
/** The largest accepted `throttle`, in milliseconds. */
const MAX_THROTTLE_MS = 60_000;

/** What `@live` asks for: the minimum time between two updates (0: as fast as changes come). */
export interface LiveOptions {
  throttleMs: number;
}

/**
 * Returns the live options of the operation, or null when it is not a live query (no `@live`, or
 * `@live(if: false)`). Throws a GraphQLError (code BAD_USER_INPUT) for a throttle outside 0–60000.
 * Expects a validated document.
 */
export function getLiveDirective(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Readonly<Record<string, unknown>> | null,
): LiveOptions | null {
  const operation = getOperationAST(document, operationName ?? undefined);
  const directive = schema.getDirective(LIVE_DIRECTIVE);
  if (!operation || operation.operation !== OperationTypeNode.QUERY || !directive) return null;
  const values = getDirectiveValues(directive, operation, variables ?? undefined);
  if (!values || values.if === false) return null;
  const throttle = values.throttle;
  if (throttle === undefined || throttle === null) return { throttleMs: 0 };
  if (typeof throttle !== 'number' || !Number.isInteger(throttle) || throttle < 0 || throttle > MAX_THROTTLE_MS) {
    throw new GraphQLError(
      `@live(throttle:) expects an integer from 0 to ${MAX_THROTTLE_MS} milliseconds, but got ${JSON.stringify(throttle)}.`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
  }
  return { throttleMs: throttle };
}

/** True when the operation carries `@live` (whatever its arguments); cheap, for routing. */
export function hasLiveDirective(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  return !!operation?.directives?.some((d) => d.name.value === LIVE_DIRECTIVE);
}
