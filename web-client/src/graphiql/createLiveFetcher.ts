/**
 * A GraphiQL fetcher that runs `@live` queries and subscriptions over graphql-ws and everything else
 * (including introspection for the docs) over HTTP. The headers editor's Authorization goes with HTTP
 * requests as a header and with live ones in the socket's `connection_init`. Live results are yielded whole after each patch,
 * so GraphiQL's result pane shows the current result, updating in place.
 */
import type { GraphiQL } from 'graphiql';
import { OperationTypeNode, parse, type DocumentNode } from 'graphql';
import type { ComponentProps } from 'react';
import {
  isLiveQuery,
  latestValues,
  selectOperation,
  subscribeLive,
  toError,
  type FullResult,
  type LiveSocket,
} from '../../../client/index.js';
import { authorizationHeader } from './socketsByAuthorization.js';

/** What GraphiQL passes to a fetcher (the fields we use). */
export interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** GraphiQL's second fetcher argument (the fields we use). */
export interface FetcherOpts {
  headers?: Record<string, unknown>;
  documentAST?: DocumentNode;
}

/** A result as GraphiQL shows it; the live revision is shown under `extensions`. */
export type ShownResult = Omit<FullResult, 'revision'>;

/** GraphiQL's fetcher type. */
export type GraphiQLFetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/** Options of {@link createLiveFetcher}. */
export interface LiveFetcherOptions {
  /** http(s) URL of the endpoint, for ordinary operations. */
  httpUrl: string;
  /** The socket for live queries and subscriptions of a viewer (its Authorization value; undefined: anonymous). */
  socketFor: (authorization: string | undefined) => LiveSocket;
}

/** Creates the fetcher. */
export function createLiveFetcher(options: LiveFetcherOptions): GraphiQLFetcher {
  // GraphiQL types results with GraphQLError instances; it only serializes them, and the JSON
  // errors we pass are exactly what a GraphQLError serializes to.
  return liveFetcher(options) as unknown as GraphiQLFetcher;
}

function liveFetcher({ httpUrl, socketFor }: LiveFetcherOptions) {
  return async (params: FetcherParams, opts?: FetcherOpts): Promise<ShownResult | AsyncIterableIterator<ShownResult>> => {
    const document = opts?.documentAST ?? tryParse(params.query);
    const operation = document && selectOperation(document, params.operationName);
    const overSocket = !!document && (operation?.operation === OperationTypeNode.SUBSCRIPTION || isLiveQuery(document, params.operationName));
    if (!overSocket) return fetchOverHttp(httpUrl, params, opts?.headers);

    return latestValues<ShownResult>((sink) =>
      subscribeLive(
        socketFor(authorizationHeader(opts?.headers)),
        {
          query: params.query,
          variables: params.variables ?? undefined,
          operationName: params.operationName ?? undefined,
        },
        {
          next: ({ revision, ...result }) =>
            sink.next(revision === undefined ? result : { ...result, extensions: { ...result.extensions, revision } }),
          error(error) {
            // Validation errors come as an `error` message: show them like any result with errors.
            if (Array.isArray(error)) {
              sink.next({ errors: error });
              sink.complete();
            } else {
              sink.error(toError(error));
            }
          },
          complete: () => sink.complete(),
        },
      ),
    );
  };
}

/** Parse errors are left for the server to report, in its own words. */
function tryParse(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}

async function fetchOverHttp(httpUrl: string, params: FetcherParams, headers: Record<string, unknown> = {}): Promise<ShownResult> {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: {
      ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ShownResult;
}
