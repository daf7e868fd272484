/**
 * The protocol core of graphql-ws for the operations the live router leaves to it: ordinary queries,
 * mutations, subscriptions, and every error (a live query's too). Parse, validation and limits run
 * through yoga's envelop pipeline, exactly as over HTTP; one named handler per step.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import { makeServer, type Context, type OperationResult, type Server, type SubscribePayload } from 'graphql-ws';
import type { ContextFactory } from '../../graphql/context.js';
import type { Viewer } from '../../graphql/viewer.js';
import { hasLiveDirective } from '../../live/liveDirective.js';
import type { EnvelopedOperation } from '../http/envelopedOperation.js';
import type { Envelop } from './envelop.js';
import { liveRequestOf } from './liveRequest.js';
import type { GraphQLWsState } from './liveOperationRouter.js';
import type { SocketViewer } from './socketViewer.js';
import { withoutHttpExtensions } from './withoutHttpExtensions.js';
import { clientKey } from '../clientKey.js';

/** What graphql-ws holds per socket for our handlers (its `ctx.extra`). */
export interface SocketExtra {
  /** The upgrade request. */
  readonly request: IncomingMessage;
  /** graphql-ws's own state of the socket, from `connection_init` on, for the live router to read. */
  graphqlWs: GraphQLWsState | undefined;
  /** The socket's viewer, set by `connection_init`'s token. */
  readonly viewer: SocketViewer;
  /** Counts the socket for a client key against the socket quota; false: closed with 4029. */
  readonly admit: (clientKey: string) => boolean;
}

/** The payload `connection_init` may carry. */
type ConnectionParams = Record<string, unknown> | undefined;

/** The graphql-ws server of {@link createGraphQLWsServer}. */
export type GraphQLWsServer = Server<SocketExtra>;

/**
 * What `execute` and `subscribe` need beyond ExecutionArgs, carried from `onSubscribe` in `rootValue`:
 * the envelop pipeline's execute (masking, plugins) and the socket's viewer.
 */
interface Pipeline {
  execute: EnvelopedOperation['execute'];
  viewer: Viewer;
  /** The upgrade request, in the context beside the viewer: per-client limits count its address. */
  req: IncomingMessage;
  /** The subscribe payload's `extensions` (a live query's resume token). */
  extensions: Record<string, unknown> | undefined;
}

/** Creates the graphql-ws server running operations through `envelop`, each with a fresh context. */
export function createGraphQLWsServer(envelop: Envelop, createContext: ContextFactory): GraphQLWsServer {
  return makeServer<ConnectionParams, SocketExtra>({
    // graphql-ws's default. A burst of thousands of first executions no longer delays reading a
    // socket: they run in bounded slices between turns of the event loop (live/scheduler.ts).
    connectionInitWaitTimeout: 3_000,
    onConnect: connect,
    onSubscribe: (ctx, _id, payload) =>
      prepareOperation(envelop(ctx.extra.request, payload), payload, ctx.extra.viewer.current, ctx.extra.request),
    execute: (args) => executeOperation(args, createContext),
    subscribe: (args) => subscribeOperation(args, createContext),
  });
}

/**
 * Accepts a connection whose `connection_init` payload authenticates (no token: anonymous) within its
 * client's socket quota (else it is closed with 4029), and hands graphql-ws's state of the socket to
 * the live router. A refused one is closed already.
 */
async function connect(ctx: Context<ConnectionParams, SocketExtra>): Promise<boolean> {
  if (!(await ctx.extra.viewer.init(ctx.connectionParams))) return false;
  ctx.extra.graphqlWs = ctx;
  return ctx.extra.admit(clientKey(ctx.extra.viewer.current, ctx.extra.request));
}

/** Parses and validates; returns the errors to send, or the arguments of `execute`/`subscribe`. */
function prepareOperation(
  enveloped: EnvelopedOperation,
  payload: SubscribePayload,
  viewer: Viewer,
  req: IncomingMessage,
): ExecutionArgs | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = enveloped.parse(payload.query);
  } catch (error) {
    if (error instanceof GraphQLError) return [withoutHttpExtensions(error)];
    throw error;
  }
  const errors = enveloped.validate(enveloped.schema, document);
  if (errors.length > 0) return errors.map(withoutHttpExtensions);
  const pipeline: Pipeline = { execute: enveloped.execute, viewer, req, extensions: payload.extensions ?? undefined };
  return {
    schema: enveloped.schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    // Created in `execute` and `subscribe`, per operation.
    contextValue: undefined,
    rootValue: pipeline,
  };
}

/**
 * Executes a query or mutation. A live query gets here only when it cannot start (bad variables or
 * throttle: answered as a single result with errors) or is not live after all (`@live(if: false)`):
 * the router starts every other one itself, on the same parse, validation and variables.
 */
function executeOperation(args: ExecutionArgs, createContext: ContextFactory): OperationResult {
  const { execute, viewer, req, extensions } = args.rootValue as Pipeline;
  const plain = { ...args, rootValue: undefined };
  if (hasLiveDirective(args.document, args.operationName)) {
    const live = liveRequestOf({ ...plain, extensions }, viewer, createContext);
    if (live && 'errors' in live) return live;
    if (live) throw new Error('A live query that can start reached graphql-ws instead of the live router.');
  }
  return execute({ ...plain, contextValue: { ...createContext(viewer), req } });
}

/** Subscribes a subscription operation through the pipeline. */
function subscribeOperation(args: ExecutionArgs, createContext: ContextFactory): OperationResult {
  const { execute, viewer, req } = args.rootValue as Pipeline;
  return execute({ ...args, rootValue: undefined, contextValue: { ...createContext(viewer), req } });
}
