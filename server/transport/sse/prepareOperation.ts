/**
 * Parse and validation of an event-stream request through yoga's envelop pipeline — the same steps,
 * query limits and caches as GraphQL over HTTP and graphql-ws — with every failure turned into the
 * HTTP answer given before a stream starts.
 */
import { GraphQLError, getOperationAST, OperationTypeNode, type DocumentNode } from 'graphql';
import { isLimitError, limitStatus } from '../../graphql/limitError.js';
import type { EnvelopedOperation } from '../http/envelopedOperation.js';
import type { OperationArgs } from '../ws/liveRequest.js';
import { badRequest, type GraphQLParams, type RequestError } from './eventStreamParams.js';

/** A parsed and validated operation, with the pipeline's execute (masking, plugins). */
export interface PreparedOperation {
  args: OperationArgs;
  execute: EnvelopedOperation['execute'];
}

/**
 * Parses and validates `params`; returns the operation, or the error to answer: 400 for a syntax
 * error, a validation error or a limit (413 for a query text over its size), all GraphQL errors with
 * the codes yoga gives them; 400 when no
 * operation can be chosen, 405 for a mutation over GET (GraphQL over HTTP: GET must not write).
 */
export function prepareOperation(
  enveloped: EnvelopedOperation,
  params: GraphQLParams,
  method: string | undefined,
): PreparedOperation | RequestError {
  let document: DocumentNode;
  try {
    document = enveloped.parse(params.query);
  } catch (error) {
    if (error instanceof GraphQLError) return { status: statusOf([error]), errors: [error] };
    throw error;
  }
  const errors = enveloped.validate(enveloped.schema, document);
  if (errors.length > 0) return { status: statusOf(errors), errors };
  const operation = getOperationAST(document, params.operationName);
  if (!operation) {
    const named = params.operationName
      ? `an operation named ${JSON.stringify(params.operationName)}`
      : 'one operation, or an operationName';
    return badRequest(400, `Expected ${named} in the document, but found none that fits.`);
  }
  if (method === 'GET' && operation.operation === OperationTypeNode.MUTATION) {
    return {
      ...badRequest(405, 'Expected a query or subscription over GET, but got a mutation: send it with POST.'),
      headers: { allow: 'POST' },
    };
  }
  return {
    args: {
      schema: enveloped.schema,
      document,
      operationName: params.operationName,
      variableValues: params.variables,
      extensions: params.extensions,
    },
    execute: enveloped.execute,
  };
}

/** A limit's own status (400, or 413 for a query text over its size); 400 for every other error. */
function statusOf(errors: readonly GraphQLError[]): number {
  const limit = errors.find(isLimitError);
  return limit ? limitStatus(limit) : 400;
}
