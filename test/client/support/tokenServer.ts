/**
 * A real graphql-ws server (graphql-ws's `useServer` on a `ws` server, port 0) that checks the
 * viewer's token the way livedoc's server does (docs/protocol.md): `connection_init` carries
 * `{ authorization: "Bearer <token>" }` or nothing (anonymous); an unknown token closes the socket with
 * 4403 (`onConnect` returns false); `expire(token)` closes every socket that connected with it with
 * 4403, as the server does when a token expires. Tokens are opaque strings issued by `issue`.
 *
 * Its one query, `query Me @live { me counter }`, answers like a livedoc live query: the full result
 * at revision 1 (`me` is the viewer's name, null when anonymous), then a patch per `bump()`.
 */
import type { AddressInfo } from 'node:net';
import { buildSchema, getOperationAST, type ExecutionResult } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_FORBIDDEN } from '../../../wire/closeCodes.js';
import type { LiveInitialResult, LivePatchResult } from '../../../wire/liveResult.js';

const schema = buildSchema(`
  directive @live(if: Boolean = true) on QUERY
  type Query { me: String, counter: Int! }
`);

/** The server, what it received, and the controls of a test. */
export interface TokenServer {
  readonly wsUrl: string;
  /** Every `connection_init` payload received, in order (undefined: none sent). */
  readonly inits: unknown[];
  /** A token the server accepts for `name` until it is expired. */
  issue(name: string): string;
  /** The token is no longer accepted; sockets connected with it close with 4403. */
  expire(token: string): void;
  /** Increments the counter; every running live query gets a patch. */
  bump(): void;
  /** Sockets currently connected. */
  readonly openSockets: number;
  dispose(): Promise<void>;
}

type Payload = ExecutionResult & (LiveInitialResult | LivePatchResult);

/** Starts the server on a free port. */
export async function startTokenServer(): Promise<TokenServer> {
  const wss = new WebSocketServer({ port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const names = new Map<string, string>();
  const socketsByToken = new Map<string, Set<WebSocket>>();
  const streams = new Set<(counter: number) => void>();
  const inits: unknown[] = [];
  let counter = 0;
  let issued = 0;

  const viewerOf = (params: unknown): { token?: string; name: string | null } | false => {
    const authorization = typeof params === 'object' && params !== null && 'authorization' in params ? params.authorization : undefined;
    if (authorization === undefined) return { name: null };
    const token = typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
    const name = names.get(token);
    return name === undefined ? false : { token, name };
  };

  const server = useServer(
    {
      schema,
      onConnect(ctx) {
        inits.push(ctx.connectionParams);
        const viewer = viewerOf(ctx.connectionParams);
        if (!viewer) return false;
        if (viewer.token) {
          const sockets = socketsByToken.get(viewer.token) ?? new Set();
          sockets.add(ctx.extra.socket);
          ctx.extra.socket.once('close', () => sockets.delete(ctx.extra.socket));
          socketsByToken.set(viewer.token, sockets);
        }
        return true;
      },
      context: (ctx) => {
        const viewer = viewerOf(ctx.connectionParams);
        return { me: viewer ? viewer.name : null };
      },
      execute(args) {
        const live = getOperationAST(args.document, args.operationName)?.directives?.some((d) => d.name.value === 'live');
        const { me } = args.contextValue as { me: string | null };
        const first: Payload = { data: { me, counter }, revision: 1 };
        if (!live) return { data: { me, counter } };
        return pushStream<Payload>(first, (push) => {
          let revision = 1;
          const listener = (value: number) => push({ patch: [{ op: 'replace', path: '/counter', value }], revision: ++revision });
          streams.add(listener);
          return () => streams.delete(listener);
        });
      },
    },
    wss,
    0,
  );

  return {
    wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/graphql`,
    inits,
    issue(name) {
      const token = `${name}.${++issued}`;
      names.set(token, name);
      return token;
    },
    expire(token) {
      names.delete(token);
      for (const socket of socketsByToken.get(token) ?? []) socket.close(CLOSE_FORBIDDEN, 'Token expired');
    },
    bump() {
      counter++;
      for (const stream of [...streams]) stream(counter);
    },
    get openSockets() {
      return wss.clients.size;
    },
    async dispose() {
      // Closes every socket (1001) and the server.
      await server.dispose();
    },
  };
}

/**
 * An async generator of `first` and then of every value pushed, until graphql-ws calls `return`
 * (complete or socket closed), which ends it at once even while it waits for a value.
 */
function pushStream<T>(first: T, register: (push: (value: T) => void) => () => void): AsyncGenerator<T> {
  const queue: T[] = [first];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let done = false;
  const unregister = register((value) => {
    if (done) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
    } else queue.push(value);
  });
  const finish = (): IteratorResult<T> => {
    if (!done) unregister();
    done = true;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return { value: undefined, done: true };
  };
  const stream: AsyncGenerator<T> = {
    next() {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: () => Promise.resolve(finish()),
    throw(error: unknown) {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}
