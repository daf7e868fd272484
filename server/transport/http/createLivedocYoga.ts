/**
 * The yoga instance behind both transports: GraphQL over HTTP (queries, mutations, GraphiQL) and the
 * envelop pipeline (parse, validate with the query limits, execute with error masking) that graphql-ws
 * operations run through too.
 */
import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { AppContext, ContextFactory } from '../../graphql/context.js';
import { useCostLimit, useResultCap, type CostLimit } from '../../graphql/costGuards.js';
import { securityPlugins } from '../../graphql/limits.js';
import type { QueryCaches } from '../../graphql/queryCaches.js';
import type { RequestLimits } from '../../graphql/requestLimits.js';
import { introspectionPlugin } from '../../graphql/introspection.js';
import type { MutationRateLimit } from '../../graphql/mutationRate.js';
import type { LimitName } from '../../metrics/transportMetrics.js';
import type { Logger } from '../../runtime/logger.js';
import { createGraphiQLRenderer } from './graphiql.js';
import { GRAPHIQL_DEFAULT_QUERY } from './graphiqlDefaultQuery.js';
import { useJsonRequestParams } from './jsonRequestParams.js';
import { useLimitStatus } from './limitStatus.js';
import { useViewer } from './useViewer.js';
import { corsOptions } from './corsOptions.js';
import { useMutationRateLimit } from './mutationRatePlugin.js';
import { useRequireJsonPost } from './requireJsonPost.js';
import type { OriginPolicy } from '../originPolicy.js';

/** What yoga's server context holds: the Node request (its address counts for the per-client limits). */
export interface LivedocServerContext {
  req?: IncomingMessage;
}

/** The yoga instance of a livedoc server: the Node request as server context, {@link AppContext} for resolvers. */
export type LivedocYoga = YogaServerInstance<LivedocServerContext, AppContext>;

/** Options of {@link createLivedocYoga}. */
export interface LivedocYogaOptions {
  schema: GraphQLSchema;
  createContext: ContextFactory;
  /** Checks the `Authorization` header of each request (401 `UNAUTHENTICATED` when refused). */
  verify: TokenVerifier;
  /** Unexpected errors are masked in production. */
  production: boolean;
  logger: Logger;
  /** Folder of the built web client, whose live GraphiQL is served at GET /graphql; null for yoga's own. */
  webRoot: string | null;
  /** Body and query text sizes (the cost and result limits come as `costLimit` and in the context). */
  limits: Pick<RequestLimits, 'maxBodyBytes' | 'maxQueryBytes'>;
  /** The result-cost limit, checked after validation. */
  costLimit: CostLimit;
  /** yoga's parse caches, bounded by bytes. */
  queryCaches: QueryCaches;
  /** Cross-origin browsers answered with CORS headers. */
  originPolicy: OriginPolicy;
  /** GraphiQL at GET /graphql. */
  graphiql: boolean;
  /** `__schema` / `__type` queries. */
  introspection: boolean;
  mutationRate: MutationRateLimit;
  /** Told which limit refused a query (its size or shape). */
  onLimit?: (limit: LimitName) => void;
}

/** Creates yoga at `/graphql` with authentication, the query limits, 400 for queries over them (413 for
 * texts and bodies over their size) and for request parameters that are not JSON, the result cap,
 * byte-bounded parse caches, error masking, live GraphiQL and our logger. */
export function createLivedocYoga(options: LivedocYogaOptions): LivedocYoga {
  const { logger, webRoot } = options;
  const viewer = useViewer(options.verify);
  return createYoga<LivedocServerContext, AppContext>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => options.createContext(viewer.viewerOf(request)),
    maskedErrors: { isDev: !options.production },
    plugins: [
      useRequireJsonPost(),
      viewer.plugin,
      ...securityPlugins(options.limits.maxQueryBytes, options.onLimit),
      introspectionPlugin(options.introspection),
      useCostLimit(options.costLimit),
      useResultCap(),
      useJsonRequestParams(),
      useLimitStatus(),
      useMutationRateLimit(options.mutationRate),
    ],
    cors: corsOptions(options.originPolicy),
    // Checked while the body streams in (a declared Content-Length over it is refused before reading).
    maxRequestBodySize: options.limits.maxBodyBytes,
    parserAndValidationCache: {
      documentCache: options.queryCaches.documentCache,
      errorCache: options.queryCaches.errorCache,
    },
    landingPage: false,
    graphiql: options.graphiql && { title: 'livedoc', subscriptionsProtocol: 'WS', defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    renderGraphiQL: createGraphiQLRenderer(() => webRoot),
    logging: {
      debug: (...args: unknown[]) => logger.debug(args.map(String).join(' ')),
      info: (...args: unknown[]) => logger.info(args.map(String).join(' ')),
      warn: (...args: unknown[]) => logger.warn(args.map(String).join(' ')),
      error: (...args: unknown[]) => logger.error(args.map(String).join(' ')),
    },
  });
}
