/**
 * The fast path of GraphQL over HTTP. Every write that feeds live queries arrives here, so its cost and
 * latency are part of every update's. Yoga adapts each Node request to a fetch-API Request and back and
 * builds its envelop per request (≈0.4 ms per request on this machine); this handler answers the common
 * case — a small `POST` of `application/json` from the same origin, of a query text yoga has already
 * executed once — itself: the text's document as yoga's pipeline parsed and validated it (query limits
 * included), executed by graphql-js, errors masked as yoga masks them, results with errors formatted by
 * yoga's own result processor, so the answers do not differ (test/server/graphqlPost.test.ts holds
 * the two paths to that). Everything else goes to yoga unchanged: other methods and content types,
 * cross-origin requests (CORS), bodies of unknown or large size, malformed parameters, subscriptions,
 * request errors, known texts whose result cost grew over the limit, and the first request of every text — parse and validation run here only on texts
 * yoga accepted, because yoga caches their outcome by text and a failure cached outside its request
 * pipeline would lose its HTTP status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, getOperationAST, OperationTypeNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { processRegularResult } from 'graphql-yoga';
import type { TokenVerifier } from '../../graphql/auth/verifyToken.js';
import type { ContextFactory } from '../../graphql/context.js';
import type { CostLimit } from '../../graphql/costGuards.js';
import { maskExecutionError } from '../../graphql/errors.js';
import type { MutationRateLimit } from '../../graphql/mutationRate.js';
import { byteBoundedCache, type ByteBoundedCache } from '../../graphql/queryCaches.js';
import { capResult } from '../../graphql/resultBudget.js';
import type { Logger } from '../../runtime/logger.js';
import { clientKey } from '../clientKey.js';
import { refuseLargeBody } from './bodyLimit.js';
import type { LivedocYoga } from './createLivedocYoga.js';
import { rateLimitedStatus } from './mutationRatePlugin.js';
import { envelopedOperation } from './envelopedOperation.js';
import { resultMediaType, type ResultMediaType } from './resultMediaType.js';
import { sendUnauthenticated } from './unauthenticated.js';

/** Largest body the fast path reads; larger requests (bulk row upserts) go to yoga. */
export const FAST_PATH_MAX_BODY_BYTES = 64 * 1024;

/**
 * Bytes of query texts the fast path remembers as valid (counted as their keys: the documents are
 * yoga's, held by its parse cache too).
 */
const KNOWN_QUERY_BYTES = 16 * 1024 * 1024;

/** Options of {@link createGraphQLPostHandler}. */
export interface GraphQLPostOptions {
  yoga: LivedocYoga;
  /** The schema yoga serves (known documents are executed on it directly). */
  schema: GraphQLSchema;
  createContext: ContextFactory;
  /** Checks the `Authorization` header (yoga checks it again on the requests handed to it). */
  verify: TokenVerifier;
  logger: Logger;
  /** Masks unexpected errors as yoga does with `maskedErrors: { isDev: !production }`. */
  production: boolean;
  /** The result-cost limit: a known document over it (lists grew) goes to yoga, which refuses it. */
  costLimit: CostLimit;
  /** Largest request body; a larger declared Content-Length is answered 413 here, unread. */
  maxBodyBytes: number;
  /** The mutation rate limit yoga's pipeline applies too (this path executes without it). */
  mutationRate: MutationRateLimit;
  /** Told when a body over `maxBodyBytes` is refused on its Content-Length. */
  onLimit?: (limit: 'body_bytes') => void;
}

/** The parameters of a GraphQL request body (GraphQL over HTTP). */
interface RequestParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** Returns the request handler of `/graphql`: the fast path where it applies, yoga otherwise. */
export function createGraphQLPostHandler(options: GraphQLPostOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { yoga, logger } = options;
  const known: KnownQueries = byteBoundedCache(KNOWN_QUERY_BYTES, (text) => text.length * 2 + 64);
  return (req, res) => {
    if (refuseLargeBody(req, res, options.maxBodyBytes)) {
      options.onLimit?.('body_bytes');
      return;
    }
    const mediaType = fastPathMediaType(req);
    if (!mediaType) return void yoga.handle(req, res);
    readBody(req, Number(req.headers['content-length'])).then(
      (body) =>
        answer(req, res, body, mediaType, options, known).catch((error: unknown) => {
          logger.error({ err: error }, 'GraphQL request failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end('{"errors":[{"message":"Unexpected error."}]}');
        }),
      // The client went away or sent less than it announced: nothing to answer.
      () => res.destroy(),
    );
  };
}

/** Query texts yoga has parsed and validated without errors, with their document once parsed here. */
type KnownQueries = ByteBoundedCache<DocumentNode | true>;

/** The media type to answer with when the request qualifies for the fast path, else null (yoga's). */
export function fastPathMediaType(req: Pick<IncomingMessage, 'method' | 'headers'>): ResultMediaType | null {
  if (req.method !== 'POST') return null;
  const contentType = req.headers['content-type']?.toLowerCase().replace(/\s/g, '');
  if (contentType !== 'application/json' && contentType !== 'application/json;charset=utf-8') return null;
  const length = Number(req.headers['content-length']);
  if (!Number.isInteger(length) || length <= 0 || length > FAST_PATH_MAX_BODY_BYTES) return null;
  // Cross-origin requests need yoga's CORS headers; same-origin ones (and non-browser clients) do not.
  const origin = req.headers.origin;
  if (origin !== undefined && !isSameOrigin(origin, req.headers.host)) return null;
  return resultMediaType(req.headers.accept);
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Reads exactly `length` bytes of body; rejects if the request ends early, errors or sends more. */
function readBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const body = Buffer.allocUnsafe(length);
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      if (received + chunk.length > length) {
        req.destroy();
        reject(new Error('body longer than content-length'));
        return;
      }
      chunk.copy(body, received);
      received += chunk.length;
    });
    req.once('end', () => (received === length ? resolve(body) : reject(new Error('body shorter than content-length'))));
    req.once('error', reject);
    req.once('close', () => reject(new Error('request closed')));
  });
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  mediaType: ResultMediaType,
  options: GraphQLPostOptions,
  known: KnownQueries,
): Promise<void> {
  const { yoga } = options;
  const authentication = await options.verify(req.headers.authorization);
  if ('error' in authentication) {
    sendUnauthenticated(res, authentication.error, mediaType);
    return;
  }
  const params = parseParams(body);
  if (!params) {
    await delegate(req, res, body, yoga);
    return;
  }
  const seen = known.get(params.query);
  if (seen === undefined) {
    const executed = await delegate(req, res, body, yoga);
    if (executed) known.set(params.query, true);
    return;
  }
  let document: DocumentNode;
  if (seen === true) {
    // Known valid: parse and validate are cache hits that cannot fail; the document is kept from now on.
    const enveloped = envelopedOperation(yoga, { req, params });
    document = enveloped.parse(params.query);
    if (enveloped.validate(enveloped.schema, document).length > 0) {
      await delegate(req, res, body, yoga);
      return;
    }
    known.set(params.query, document);
  } else {
    document = seen;
  }
  const operation = getOperationAST(document, params.operationName ?? undefined);
  if (
    !operation ||
    operation.operation === OperationTypeNode.SUBSCRIPTION ||
    options.costLimit.check(options.schema, document, params.operationName)
  ) {
    await delegate(req, res, body, yoga);
    return;
  }

  const contextValue = options.createContext(authentication.viewer);
  const refused = options.mutationRate.admit(clientKey(contextValue.viewer, req), document, params.operationName);
  if (refused) {
    await writeFetchResponse(res, processRegularResult({ errors: [refused], extensions: { http: rateLimitedStatus([refused]) } }, yoga.fetchAPI, mediaType));
    return;
  }
  // graphql-js's execute, then yoga's masking: the parts of yoga's pipeline an execution goes
  // through here (limits and the rest apply at parse and validation, passed above).
  const executed = capResult(
    await execute({
      schema: options.schema,
      document,
      operationName: params.operationName,
      variableValues: params.variables,
      contextValue,
    }),
    contextValue,
  );
  // A request error (bad variables): nothing ran, so yoga can answer it with its exact status.
  if (!('data' in executed) || executed.data === undefined) {
    await delegate(req, res, body, yoga);
    return;
  }
  const result = executed.errors?.length ? { ...executed, errors: executed.errors.map((e) => mask(e, options)) } : executed;
  if (!result.errors?.length && !result.extensions) {
    const json = JSON.stringify(result);
    res.writeHead(200, { 'content-type': `${mediaType}; charset=utf-8`, 'content-length': Buffer.byteLength(json) });
    res.end(json);
    return;
  }
  await writeFetchResponse(res, processRegularResult(result, yoga.fetchAPI, mediaType));
}

/** The body's parameters when they are exactly what the fast path handles, else null (yoga decides). */
function parseParams(body: Buffer): RequestParams | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  return isRequestParams(value) ? value : null;
}

/** True when `value` has only the keys of {@link RequestParams}, each of its type (a string query). */
function isRequestParams(value: unknown): value is RequestParams {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key !== 'query' && key !== 'operationName' && key !== 'variables' && key !== 'extensions') return false;
  }
  if (typeof value.query !== 'string') return false;
  if (value.operationName != null && typeof value.operationName !== 'string') return false;
  if (value.variables != null && !isPlainObject(value.variables)) return false;
  if (value.extensions != null && !isPlainObject(value.extensions)) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Hands a request whose body was already read to yoga. Resolves true when yoga executed it (a 200
 * response with `data`): its query text parsed and validated.
 */
async function delegate(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  yoga: GraphQLPostOptions['yoga'],
): Promise<boolean> {
  const headers = new yoga.fetchAPI.Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/graphql'}`;
  // The Node request as server context, as `yoga.handle` gives it: the rate limit counts by its address.
  const response = await yoga.fetch(url, { method: 'POST', headers, body: new Uint8Array(body) }, { req });
  const answered = await writeFetchResponse(res, response);
  return response.status === 200 && hasData(answered);
}

function hasData(body: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isPlainObject(parsed) && parsed.data !== undefined;
  } catch {
    return false;
  }
}

/** Writes a fetch-API response to `res`; returns its body. */
async function writeFetchResponse(res: ServerResponse, response: Response): Promise<Buffer> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, response.statusText, headers);
  res.end(body);
  return body;
}

/** Masks an execution error as yoga would, logging the original when it is masked (as yoga does). */
function mask(error: GraphQLError, options: GraphQLPostOptions): GraphQLError {
  const masked = maskExecutionError(error, options.production);
  if (masked !== error) options.logger.error({ err: error }, 'GraphQL execution failed');
  return masked;
}
