/**
 * The viewer's token on the live socket, against a real graphql-ws server that checks it
 * (support/tokenServer.ts): `connection_init` carries `Bearer <token>` (nothing when anonymous); a
 * 4403 close makes the client ask `getToken` again and reconnect by itself, its live queries
 * resuming; a token refused again and again fails the operations after MAX_AUTH_ATTEMPTS.
 */
import { Client, fetchExchange, type OperationResult } from '@urql/core';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ConnectionStatus } from '../../client/connectionState.js';
import { createLiveClient, type LiveClient, type LiveClientOptions } from '../../client/liveClient.js';
import { liveExchange } from '../../client/liveExchange.js';
import { MAX_AUTH_ATTEMPTS, TokenError, type GetToken, type TokenRequest } from '../../client/tokenAuth.js';
import { createQueue, waitFor, withTimeout } from '../support/waitFor.js';
import { startTokenServer, type TokenServer } from './support/tokenServer.js';

interface Me {
  me: string | null;
  counter: number;
}
const MeQuery: TypedDocumentNode<Me, Record<string, never>> = parse('query Me @live { me counter }');

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(): Promise<TokenServer> {
  const s = await startTokenServer();
  cleanups.push(() => s.dispose());
  return s;
}

function nodeClient(s: TokenServer, options: Partial<LiveClientOptions> = {}): LiveClient {
  const client = createLiveClient({ url: s.wsUrl, webSocketImpl: WebSocket, backoff: { baseMs: 10, maxMs: 50 }, ...options });
  cleanups.push(() => client.dispose());
  return client;
}

/** A getToken that records its calls and answers from `answer`. */
function recordingGetToken(answer: (request: TokenRequest, call: number) => ReturnType<GetToken>) {
  const calls: TokenRequest[] = [];
  const getToken: GetToken = (request) => {
    calls.push(request);
    return answer(request, calls.length);
  };
  return { calls, getToken };
}

describe('createLiveClient with getToken', () => {
  it('connects anonymously without getToken, or when it returns null: no connection_init payload', async () => {
    const s = await server();
    const first = await nodeClient(s).execute(MeQuery);
    const second = await nodeClient(s, { getToken: () => null }).execute(MeQuery);
    expect([first.data?.me, second.data?.me]).toEqual([null, null]);
    expect(s.inits).toEqual([undefined, undefined]);
  });

  it('sends the token in connection_init, keeping other connectionParams', async () => {
    const s = await server();
    const token = s.issue('ann');
    const result = await nodeClient(s, { getToken: () => Promise.resolve(token), connectionParams: { client: 'test' } }).execute(MeQuery);
    expect(result.data?.me).toBe('ann');
    expect(s.inits).toEqual([{ client: 'test', authorization: `Bearer ${token}` }]);
  });

  it('on a 4403 (token expired) asks getToken again, reconnects and stays live with the new token', async () => {
    const s = await server();
    const tokens = [s.issue('ann'), s.issue('ann')];
    const { calls, getToken } = recordingGetToken((_, call) => tokens[call - 1]);
    const client = nodeClient(s, { getToken });
    const updates = client.live(MeQuery);
    expect((await withTimeout(updates.next(), 5_000, 'the first result')).value).toMatchObject({ revision: 1, data: { me: 'ann', counter: 0 } });

    s.expire(tokens[0]!);
    // The query resumes by itself: a fresh full result over the new connection...
    expect((await withTimeout(updates.next(), 5_000, 'the result after reconnecting')).value).toMatchObject({ revision: 1, data: { me: 'ann' } });
    expect(calls).toEqual([{ rejected: false }, { rejected: true }]);
    expect(s.inits).toEqual([{ authorization: `Bearer ${tokens[0]}` }, { authorization: `Bearer ${tokens[1]}` }]);
    expect(client.connection.get()).toBe('live');

    // ...and updates flow on it again.
    s.bump();
    expect((await withTimeout(updates.next(), 5_000, 'the update after reconnecting')).value).toMatchObject({ revision: 2, data: { counter: 1 } });
    await updates.return?.();
  });

  it('replaces a token refused at connection_init and connects', async () => {
    const s = await server();
    const good = s.issue('bob');
    const { calls, getToken } = recordingGetToken((request) => (request.rejected ? good : 'forged'));
    const result = await nodeClient(s, { getToken }).execute(MeQuery);
    expect(result.data?.me).toBe('bob');
    expect(calls).toEqual([{ rejected: false }, { rejected: true }]);
  });

  it(`fails the operation after ${MAX_AUTH_ATTEMPTS} refusals in a row`, async () => {
    const s = await server();
    const { calls, getToken } = recordingGetToken(() => 'forged');
    const updates = nodeClient(s, { getToken }).live(MeQuery);
    await expect(withTimeout(updates.next(), 5_000, 'the failure')).rejects.toThrow(/refused the viewer's token \(4403: Forbidden\)/);
    expect(calls).toHaveLength(MAX_AUTH_ATTEMPTS);
    expect(s.inits).toHaveLength(MAX_AUTH_ATTEMPTS);
  });

  it('fails the operation with a TokenError when getToken keeps throwing, then starts afresh', async () => {
    const s = await server();
    const token = s.issue('cy');
    let failing = true;
    const { calls, getToken } = recordingGetToken(() => {
      if (failing) throw new Error('the identity provider is down');
      return token;
    });
    const client = nodeClient(s, { getToken, maxAuthAttempts: 2 });
    const failure = await client.execute(MeQuery).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TokenError);
    expect(failure).toMatchObject({ message: 'getToken failed: the identity provider is down' });
    expect(calls).toHaveLength(2);
    // Nothing reached the server: the connection closed before connection_init.
    expect(s.inits).toEqual([]);

    failing = false;
    expect((await client.execute(MeQuery)).data?.me).toBe('cy');
  });
});

describe('liveExchange with getToken', () => {
  function urql(s: TokenServer, getToken?: GetToken) {
    const live = liveExchange({ url: s.wsUrl, webSocketImpl: WebSocket, backoff: { baseMs: 10, maxMs: 50 }, getToken });
    cleanups.push(() => live.dispose());
    const statuses: ConnectionStatus[] = [];
    live.connection.subscribe((status) => statuses.push(status));
    const client = new Client({ url: 'http://127.0.0.1:9/unused', exchanges: [live, fetchExchange] });
    const queue = createQueue<OperationResult<Me>>();
    const subscription = client.query(MeQuery, {}).subscribe((result) => queue.push(result));
    cleanups.push(() => subscription.unsubscribe());
    return { queue, statuses };
  }

  it('runs anonymously without getToken', async () => {
    const s = await server();
    const { queue } = urql(s);
    expect((await queue.take()).data?.me).toBeNull();
    expect(s.inits).toEqual([undefined]);
  });

  it('reconnects with a fresh token after a 4403 and keeps the live query going', async () => {
    const s = await server();
    const tokens = [s.issue('dee'), s.issue('dee')];
    const { calls, getToken } = recordingGetToken((_, call) => Promise.resolve(tokens[call - 1]));
    const { queue, statuses } = urql(s, getToken);
    expect((await queue.take()).data).toEqual({ me: 'dee', counter: 0 });

    s.expire(tokens[0]!);
    const again = await queue.take(5_000, 'the result after reconnecting');
    expect(again.data).toEqual({ me: 'dee', counter: 0 });
    expect(again.extensions).toMatchObject({ revision: 1 });
    s.bump();
    const updated = await queue.take(5_000, 'the update after reconnecting');
    expect(updated.data).toEqual({ me: 'dee', counter: 1 });
    expect(updated.hasNext).toBe(true);

    expect(calls).toEqual([{ rejected: false }, { rejected: true }]);
    expect(s.inits.at(-1)).toEqual({ authorization: `Bearer ${tokens[1]}` });
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it(`reports an error result after ${MAX_AUTH_ATTEMPTS} refusals in a row`, async () => {
    const s = await server();
    const { queue } = urql(s, () => 'forged');
    const result = await queue.take(5_000, 'the error result');
    expect(result.error?.networkError?.message).toMatch(/refused the viewer's token/);
    expect(s.inits).toHaveLength(MAX_AUTH_ATTEMPTS);
    await waitFor(() => s.openSockets === 0, 5_000, 'no socket left open');
  });
});
