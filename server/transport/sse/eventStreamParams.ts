/**
 * The GraphQL request of an event-stream request, read and checked where it enters: a `POST` with a
 * JSON body, or a `GET` with query parameters (what an `EventSource` can send), as GraphQL over HTTP
 * defines both. Anything else is a {@link RequestError} that says what was expected and what arrived.
 */
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';

/** The parameters of a GraphQL request. */
export interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** A request answered with `status` and these errors before any stream starts. */
export interface RequestError {
  status: number;
  errors: readonly GraphQLError[];
  /** Extra response headers (`allow` of a 405). */
  headers?: Record<string, string>;
}

/** True when `req` asks for an event stream: `text/event-stream` is the first type it accepts. */
export function wantsEventStream(req: Pick<IncomingMessage, 'method' | 'headers'>): boolean {
  if (req.method !== 'GET' && req.method !== 'POST') return false;
  // Only the first: clients that list it among others (urql's fetch sends five types) prefer a
  // single JSON result, which yoga's path answers.
  const first = req.headers.accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'text/event-stream';
}

/**
 * Reads the parameters of a GET or POST request; resolves with them or with the error to answer. A
 * body over `maxBodyBytes` is refused as GraphQL over HTTP refuses it (413, REQUEST_ENTITY_TOO_LARGE,
 * connection closed: the rest of the body is not read); rejects when the client goes away mid-body.
 */
export async function readGraphQLParams(
  req: IncomingMessage,
  maxBodyBytes: number,
): Promise<GraphQLParams | RequestError> {
  if (req.method === 'GET') return paramsOfSearch(new URL(req.url ?? '/', 'http://localhost').searchParams);
  const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    return badRequest(
      415,
      `Expected content-type application/json, but got ${JSON.stringify(req.headers['content-type'] ?? null)}.`,
    );
  }
  const declared = req.headers['content-length'];
  const body =
    declared !== undefined && Number(declared) > maxBodyBytes ? 'too large' : await readBody(req, maxBodyBytes);
  if (body === 'too large') {
    const message = `Request body too large: expected at most ${maxBodyBytes} bytes, but got ${declared ?? 'more'}.`;
    return {
      status: 413,
      errors: [new GraphQLError(message, { extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } })],
      headers: { connection: 'close' },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return badRequest(400, `Expected a JSON body, but ${(error as Error).message}`);
  }
  return paramsOfBody(value);
}

/** The parameters of a JSON body, checked field by field. */
export function paramsOfBody(value: unknown): GraphQLParams | RequestError {
  if (!isObject(value)) return badRequest(400, `Expected a JSON object body, but got ${kindOf(value)}.`);
  const { query, operationName, variables, extensions } = value;
  if (typeof query !== 'string') return badRequest(400, `Expected "query" to be a string, but got ${kindOf(query)}.`);
  if (operationName != null && typeof operationName !== 'string') {
    return badRequest(400, `Expected "operationName" to be a string, but got ${kindOf(operationName)}.`);
  }
  if (variables != null && !isObject(variables)) {
    return badRequest(400, `Expected "variables" to be an object, but got ${kindOf(variables)}.`);
  }
  if (extensions != null && !isObject(extensions)) {
    return badRequest(400, `Expected "extensions" to be an object, but got ${kindOf(extensions)}.`);
  }
  return { query, operationName, variables, extensions };
}

/** The parameters of a GET request's query string; `variables` and `extensions` are JSON text. */
function paramsOfSearch(search: URLSearchParams): GraphQLParams | RequestError {
  const query = search.get('query');
  if (query === null) return badRequest(400, 'Expected a "query" parameter, but there is none.');
  const body: Record<string, unknown> = { query, operationName: search.get('operationName') || null };
  for (const name of ['variables', 'extensions'] as const) {
    const text = search.get(name);
    if (!text) continue;
    try {
      body[name] = JSON.parse(text);
    } catch {
      return badRequest(
        400,
        `Expected the "${name}" parameter to be JSON, but got ${JSON.stringify(text.slice(0, 100))}.`,
      );
    }
  }
  return paramsOfBody(body);
}

/** A request error with code BAD_REQUEST. */
export function badRequest(status: number, message: string): RequestError {
  return { status, errors: [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })] };
}

/** Reads the whole body, or 'too large' past `maxBytes` (the rest is not read). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        resolve('too large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    // Before 'end': the client went away mid-body (after 'end' this settles nothing).
    req.once('close', () => reject(new Error('request closed before its body was read')));
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for error messages: its JSON type. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value).slice(0, 50)}`;
}
