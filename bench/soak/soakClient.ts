/**
 * One client of the soak's fleet: the real client library (createLiveClient over graphql-ws, or over
 * SSE), signed in as its viewer, holding its live queries and keeping the latest full result of each.
 * Its `home` is the instance it connects to (read on every connection attempt, so moving it and
 * dropping the connection moves the client). Each new title marker a result brings is a delivery,
 * timed from when the writer sent that title.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, type DocumentNode } from 'graphql';
import { createLiveClient, type LiveClient } from '../../client/liveClient.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../wire/json.js';
import { createClientConnection } from './clientConnection.js';
import type { Instance } from './cluster.js';
import { titleMarker, type LiveOperation } from './operations.js';

/** The latest result of one live query. */
export interface QueryState {
  readonly operation: LiveOperation;
  /** The latest `data` (undefined before the first result). */
  data: JsonValue | undefined;
  revision: number | undefined;
  /** Results received (full or patched). */
  results: number;
  /** The latest result's errors, if any. */
  errors: string | undefined;
  /** Why the operation ended, when it ended with an error. */
  failure: string | undefined;
  /** The newest title marker seen. */
  marker: number;
}

/** What a client needs from the run. */
export interface SoakClientContext {
  instances: readonly Instance[];
  token(viewer: string): Promise<string>;
  /** When write `marker` was sent (ms since the start), if it was. */
  sentAt(marker: number): number | undefined;
  /** ms since the start. */
  now(): number;
  /** A title reached this client `latencyMs` after it was sent. */
  delivered(latencyMs: number, at: number): void;
}

/** One client. */
export interface SoakClient {
  readonly index: number;
  readonly viewer: string;
  readonly transport: 'ws' | 'sse';
  /** The instance it connects to next. */
  home: number;
  readonly queries: readonly QueryState[];
  /** The instance of the current connection, if connected. */
  connectedTo(): number | undefined;
  /** Connections (ws) or event-stream requests (sse) after the first ones. */
  reconnects(): number;
  /** States the library dropped to re-subscribe (revision gap, patch that did not apply), and the first reasons. */
  readonly resubscribes: { count: number; reasons: string[] };
  /** Drops the connection(s) as a network failure would; the library reconnects. */
  drop(): void;
  /** Connected, and every query has a result. */
  live(): boolean;
  close(): Promise<void>;
}

const documents = new Map<string, TypedDocumentNode<JsonObject, Record<string, unknown>>>();
function documentOf(text: string): TypedDocumentNode<JsonObject, Record<string, unknown>> {
  let document = documents.get(text);
  if (!document) {
    const parsed: DocumentNode = parse(text);
    document = parsed;
    documents.set(text, document);
  }
  return document;
}

/** The newest title marker in a result. */
function newestMarker(data: JsonValue | undefined): number {
  if (!isJsonObject(data)) return 0;
  const titled = isJsonObject(data.documents) && Array.isArray(data.documents.nodes) ? data.documents.nodes : [data.document];
  let newest = 0;
  for (const item of titled) {
    if (isJsonObject(item)) newest = Math.max(newest, titleMarker(item.title) ?? 0);
  }
  return newest;
}

/** Keeps `state` up to date with the results of its live query, until the client is disposed. */
async function follow(client: LiveClient, state: QueryState, observe: (state: QueryState) => void): Promise<void> {
  try {
    for await (const result of client.live(documentOf(state.operation.live), state.operation.variables)) {
      state.data = result.data ?? null;
      state.revision = result.revision;
      state.results++;
      state.errors = result.errors ? JSON.stringify(result.errors).slice(0, 300) : undefined;
      observe(state);
    }
  } catch (error) {
    state.failure = error instanceof Error ? error.message : String(error);
  }
}

/** Creates the client and starts its live queries. */
export function startSoakClient(
  spec: { index: number; viewer: string; transport: 'ws' | 'sse'; home: number; operations: LiveOperation[] },
  context: SoakClientContext,
): SoakClient {
  const connection = createClientConnection(spec.transport, spec.home, context.instances);
  const resubscribes = { count: 0, reasons: [] as string[] };
  const client: LiveClient = createLiveClient({
    ...connection.options,
    transport: spec.transport,
    getToken: () => context.token(spec.viewer),
    onResubscribe(reason) {
      resubscribes.count++;
      if (resubscribes.reasons.length < 5) resubscribes.reasons.push(reason);
    },
  });

  const queries: QueryState[] = spec.operations.map((operation) => ({
    operation,
    data: undefined,
    revision: undefined,
    results: 0,
    errors: undefined,
    failure: undefined,
    marker: 0,
  }));

  const observe = (state: QueryState) => {
    const marker = newestMarker(state.data);
    if (marker <= state.marker) return;
    // A first result is no delivery: the clients subscribe before the first write.
    if (state.results > 1) {
      const sentAt = context.sentAt(marker);
      const now = context.now();
      if (sentAt !== undefined) context.delivered(now - sentAt, now);
    }
    state.marker = marker;
  };
  const loops = queries.map((state) => follow(client, state, observe));

  return {
    index: spec.index,
    viewer: spec.viewer,
    transport: spec.transport,
    get home() {
      return connection.home;
    },
    set home(index: number) {
      connection.home = index;
    },
    queries,
    connectedTo: () => connection.connectedTo(),
    reconnects: () => Math.max(0, connection.connections() - (spec.transport === 'ws' ? 1 : queries.length)),
    resubscribes,
    drop: () => connection.drop(),
    live: () => client.connection.get() === 'live' && queries.every((q) => q.results > 0 && q.failure === undefined),
    async close() {
      await client.dispose();
      await Promise.all(loops);
    },
  };
}
