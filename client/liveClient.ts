/**
 * A framework-agnostic, typed live client (browsers and Node): `live(document, variables)` yields the
 * full current result of a `@live` query each time it changes, typed by the TypedDocumentNode that
 * codegen generated for the operation.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { ConnectionState } from './connectionState.js';
import { selectOperation } from './isLiveQuery.js';
import { latestValues } from './latestValues.js';
import type { FullResult } from './fullResult.js';
import { createLiveTransport, type LiveTransportOptions } from './liveTransport.js';
import { subscribeLive, type SubscribeLiveOptions } from './subscribeLive.js';
import { toError } from './toError.js';
import { createTransportState, type TransportState } from './transportState.js';

export { GraphQLOperationError } from './toError.js';

/** Options of {@link createLiveClient}. */
export interface LiveClientOptions extends LiveTransportOptions, SubscribeLiveOptions {}

/** `[variables]` when the operation requires some, `[variables?]` when it has none or all are optional. */
export type VariablesArgs<TVariables> = Record<string, never> extends TVariables
  ? [variables?: TVariables]
  : [variables: TVariables];

/** A live client over one graphql-ws connection, or GraphQL over SSE (`transport`). */
export interface LiveClient {
  /**
   * Runs a `@live` query (or a subscription) and yields the full current result after every update,
   * until the loop is left. When the consumer is slower than the updates it gets the newest result.
   * A rejected operation (validation) throws `GraphQLOperationError` from the loop.
   */
  live<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgs<TVariables>
  ): AsyncIterableIterator<FullResult<TData>>;
  /** Runs a query or mutation once over the socket (or its own SSE request) and resolves with its result. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgs<TVariables>
  ): Promise<FullResult<TData>>;
  /** The connection status. */
  readonly connection: ConnectionState;
  /** The transport in use (`auto` switches from `ws` to `sse` at most once). */
  readonly transport: TransportState;
  /** Closes the connection; running loops end. */
  dispose(): Promise<void>;
}

/** Creates the client; it connects when the first operation starts. */
export function createLiveClient(options: LiveClientOptions): LiveClient {
  const socket = createLiveTransport(options);

  const payloadOf = <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
  ): SubscribePayload => ({
    query: print(document),
    variables: variables ?? undefined,
    operationName: selectOperation(document)?.name?.value,
  });

  const run = <TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
  ) =>
    latestValues<FullResult<TData>>((sink) =>
      subscribeLive(
        socket,
        payloadOf(document, variables),
        {
          // The server's result for this document: its shape is what TData describes.
          next: (result) => sink.next(result as FullResult<TData>),
          error: (error) => sink.error(toError(error)),
          complete: () => sink.complete(),
        },
        options,
      ),
    );

  return {
    connection: socket.connection,
    transport: socket.transport ?? createTransportState('ws'),
    live: (document, ...[variables]) => run(document, variables),
    async execute(document, ...[variables]) {
      const results = run(document, variables);
      try {
        const first = await results.next();
        if (first.done) throw new Error('The operation completed without a result.');
        return first.value;
      } finally {
        await results.return?.();
      }
    },
    dispose: () => socket.dispose(),
  };
}
