/**
 * An urql exchange that runs `@live` queries and subscriptions over one graphql-ws connection (or
 * GraphQL over SSE: `transport`, liveTransport.ts) and delivers each update as a full result, patched
 * immutably with structural sharing. Other operations go on to the next exchange (fetchExchange)
 * unless `sendAllOverSocket` is set.
 *
 * Place it before cacheExchange: a live query must reach the server (a cached copy would never update),
 * and its results are already current.
 */
import {
  makeErrorResult,
  makeResult,
  stringifyDocument,
  type Exchange,
  type ExecutionResult,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { getOperationAST, type GraphQLFormattedError } from 'graphql';
import { filter, make, merge, mergeMap, pipe, share, takeUntil, type Source } from 'wonka';
import type { ConnectionState } from './connectionState.js';
import { isLiveQuery } from './isLiveQuery.js';
import type { FullResult } from './fullResult.js';
import type { LiveSocket } from './liveSocket.js';
import { createLiveTransport, type LiveTransportOptions } from './liveTransport.js';
import { subscribeLive } from './subscribeLive.js';
import { toError } from './toError.js';
import { createTransportState, type TransportState } from './transportState.js';

/** Options of {@link liveExchange}: a socket to share, or the options to create one (`transport` picks it). */
export type LiveExchangeOptions = (
  | { socket: LiveSocket }
  | (LiveTransportOptions & { socket?: undefined })
) & {
  /** Also send non-live queries and mutations over the socket instead of forwarding them. Default false. */
  sendAllOverSocket?: boolean;
  /** Called when a live query dropped its state and re-subscribed (revision gap, bad patch). */
  onResubscribe?(reason: string, operation: Operation): void;
  /** Resume live queries after a reconnect from the state shown (default true); false refetches them. */
  resume?: boolean;
};

/** The exchange, with the connection status of its socket. */
export interface LiveExchange extends Exchange {
  readonly connection: ConnectionState;
  /** The transport in use (`auto` switches from `ws` to `sse` at most once). */
  readonly transport: TransportState;
  /** Closes the socket (only when the exchange created it). */
  dispose(): Promise<void>;
}

/** Creates the exchange. */
export function liveExchange(options: LiveExchangeOptions): LiveExchange {
  const ownsSocket = !options.socket;
  const socket = options.socket ?? createLiveTransport(options);

  const overSocket = (operation: Operation): boolean => {
    if (operation.kind === 'subscription') return true;
    if (operation.kind === 'query' && isLiveQuery(operation.query)) return true;
    return !!options.sendAllOverSocket && (operation.kind === 'query' || operation.kind === 'mutation');
  };

  const exchange: Exchange = ({ forward }) => (operations$) => {
    const shared$ = share(operations$);
    const socketResults$ = pipe(
      shared$,
      filter((operation) => operation.kind !== 'teardown' && overSocket(operation)),
      mergeMap((operation) => {
        const teardown$ = pipe(
          shared$,
          filter((other) => other.kind === 'teardown' && other.key === operation.key),
        );
        return pipe(socketResults(socket, operation, options), takeUntil(teardown$));
      }),
    );
    const forwarded$ = pipe(
      shared$,
      filter((operation) => operation.kind === 'teardown' || !overSocket(operation)),
      forward,
    );
    return merge([socketResults$, forwarded$]);
  };

  return Object.assign(exchange, {
    connection: socket.connection,
    transport: socket.transport ?? createTransportState('ws'),
    dispose: () => (ownsSocket ? socket.dispose() : Promise.resolve()),
  });
}

/** The results of one operation run over the socket, as urql results. */
function socketResults(socket: LiveSocket, operation: Operation, options: LiveExchangeOptions): Source<OperationResult> {
  // Live results keep coming: hasNext tells urql to keep the operation active.
  const hasNext = operation.kind === 'subscription' || (operation.kind === 'query' && isLiveQuery(operation.query));
  return make<OperationResult>((observer) =>
    subscribeLive(
      socket,
      {
        query: stringifyDocument(operation.query),
        variables: operation.variables as Record<string, unknown> | undefined,
        operationName: getOperationAST(operation.query)?.name?.value,
        extensions: operation.extensions,
      },
      {
        next: (result) => observer.next({ ...makeResult(operation, toExecutionResult(result)), hasNext }),
        error(error) {
          // An `error` message carries GraphQL errors (validation): a result with errors, like over HTTP.
          observer.next(
            Array.isArray(error)
              ? makeResult(operation, { errors: error as GraphQLFormattedError[] })
              : makeErrorResult(operation, toError(error)),
          );
          observer.complete();
        },
        complete: () => observer.complete(),
      },
      { onResubscribe: (reason) => options.onResubscribe?.(reason, operation), resume: options.resume },
    ),
  );
}

/** A full result as urql's ExecutionResult; the live revision goes under `extensions`. */
function toExecutionResult(result: FullResult): ExecutionResult {
  const execution: ExecutionResult = { data: result.data };
  if (result.errors) execution.errors = [...result.errors];
  if (result.extensions) execution.extensions = { ...result.extensions, revision: result.revision };
  else if (result.revision !== undefined) execution.extensions = { revision: result.revision };
  return execution;
}
