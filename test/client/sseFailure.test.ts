/** What a failed event-stream request means: graphql-sse's NetworkError around real fetch Responses. */
import { NetworkError } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { classifySseFailure } from '../../client/sseFailure.js';
import { TokenError } from '../../client/tokenAuth.js';

function refused(status: number, body: string, headers: Record<string, string> = {}): NetworkError {
  return new NetworkError(new Response(body, { status, headers }));
}

const errorsBody = (message: string, code: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });

describe('classifySseFailure', () => {
  it('retries lost connections, ended streams and failures of its own', async () => {
    expect(await classifySseFailure(new NetworkError('socket hang up'))).toEqual({ kind: 'retry' });
    expect(await classifySseFailure(new Error('Connection closed while having active streams'))).toEqual({ kind: 'retry' });
  });

  it('retries 429, 408 and 5xx, after Retry-After when it is longer', async () => {
    expect(await classifySseFailure(refused(429, errorsBody('Too many streams', 'TOO_MANY_STREAMS'), { 'retry-after': '5' }))).toEqual({
      kind: 'retry',
      afterMs: 5_000,
    });
    expect(await classifySseFailure(refused(503, '', { 'retry-after': 'soon' }))).toEqual({ kind: 'retry', afterMs: undefined });
    expect(await classifySseFailure(refused(408, ''))).toEqual({ kind: 'retry', afterMs: undefined });
  });

  it('reads a 401 as a refused token, with the reason the server gave', async () => {
    expect(await classifySseFailure(refused(401, errorsBody('Token expired.', 'UNAUTHENTICATED')))).toEqual({
      kind: 'refused',
      message: 'Token expired.',
    });
    expect(await classifySseFailure(refused(401, 'not json'))).toEqual({ kind: 'refused', message: 'invalid token' });
  });

  it('ends the operation on any other status: with its GraphQL errors, or an Error naming the status', async () => {
    expect(await classifySseFailure(refused(400, errorsBody('Cannot query field "nope".', 'GRAPHQL_VALIDATION_FAILED')))).toEqual({
      kind: 'fatal',
      error: [{ message: 'Cannot query field "nope".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    const notFound = await classifySseFailure(refused(404, '<html>Not found</html>'));
    expect(notFound.kind).toBe('fatal');
    expect(notFound.kind === 'fatal' && notFound.error).toEqual(new Error('The server refused the event stream (HTTP 404).'));
  });

  it('leaves a failing getToken to the token handling', async () => {
    expect(await classifySseFailure(new TokenError('getToken failed: offline'))).toEqual({ kind: 'token' });
  });
});
