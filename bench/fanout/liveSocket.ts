/**
 * A light graphql-transport-ws client on a raw `ws` socket, for thousands of benchmark clients in one
 * process: no patch application, no parsing once every subscription has its first result — a `next`
 * is handed over as text (the generator looks for update markers in it). A sample socket parses and
 * forwards every `next` so its patches can be applied and checked.
 */
import WebSocket from 'ws';

/** The payload of a `next` message, as far as the benchmark reads it. */
export interface NextPayload {
  data?: unknown;
  patch?: unknown;
  revision?: number;
  errors?: unknown;
}

/** Receives what a socket gets after its subscriptions went live. */
export interface SocketListener {
  /** A `next` message after the first one of its subscription: its text and payload size in bytes. */
  onUpdate: (text: string, bytes: number) => void;
  /** Sample sockets only: every `next` (the first one included), parsed, with its size. */
  onParsedNext?: (id: string, payload: NextPayload, bytes: number) => void;
}

/** One open, acknowledged socket (or an SSE client, sseClient.ts, each subscription its own stream). */
export interface LiveSocket {
  /** Sends `subscribe`; resolves on the subscription's first `next`, rejects on `error` or close. */
  subscribe(id: string, query: string, variables: Record<string, unknown>): Promise<void>;
  /** Protocol errors and unexpected messages seen after subscribing. */
  readonly problems: string[];
  close(): void;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

interface Message {
  type?: string;
  id?: string;
  payload?: unknown;
}

/**
 * Opens a socket to `url`, sends `connection_init` (with `initPayload`, e.g. `{ authorization }` to
 * sign in, when given), resolves on `connection_ack` (or rejects within `timeoutMs`).
 */
export function openLiveSocket(
  url: string,
  listener: SocketListener,
  timeoutMs = 30_000,
  initPayload?: Record<string, unknown>,
): Promise<LiveSocket> {
  const socket = new WebSocket(url, 'graphql-transport-ws', { perMessageDeflate: false, handshakeTimeout: timeoutMs });
  const waiting = new Map<string, Waiter>();
  const problems: string[] = [];
  const parseAll = listener.onParsedNext !== undefined;

  return new Promise<LiveSocket>((resolve, reject) => {
    let acknowledged = false;
    const timer = setTimeout(() => fail(new Error(`no connection_ack within ${timeoutMs} ms`)), timeoutMs);

    function fail(error: Error): void {
      clearTimeout(timer);
      if (!acknowledged) reject(error);
      for (const waiter of waiting.values()) waiter.reject(error);
      waiting.clear();
      socket.terminate();
    }

    const live: LiveSocket = {
      problems,
      subscribe(id, query, variables) {
        return new Promise<void>((resolveFirst, rejectFirst) => {
          waiting.set(id, { resolve: resolveFirst, reject: rejectFirst });
          socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
        });
      },
      close() {
        clearTimeout(timer);
        if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate();
      },
    };

    const init = JSON.stringify({ type: 'connection_init', ...(initPayload && { payload: initPayload }) });
    socket.on('open', () => socket.send(init));
    socket.on('error', (error) => fail(error));
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      const error = new Error(`socket closed ${code} ${String(reason)}`);
      if (!acknowledged) reject(error);
      for (const waiter of waiting.values()) waiter.reject(error);
      waiting.clear();
    });
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      // Fast path: every subscription of the socket is live and this is a `next`.
      if (!parseAll && waiting.size === 0 && text.includes('"type":"next"')) return listener.onUpdate(text, data.length);
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch {
        problems.push(`not JSON: ${text.slice(0, 80)}`);
        return;
      }
      switch (message.type) {
        case 'connection_ack':
          acknowledged = true;
          clearTimeout(timer);
          return resolve(live);
        case 'ping':
          return socket.send('{"type":"pong"}');
        case 'pong':
          return;
        case 'next': {
          const id = message.id ?? '';
          listener.onParsedNext?.(id, message.payload ?? {}, data.length);
          const waiter = waiting.get(id);
          if (waiter) {
            waiting.delete(id);
            return waiter.resolve();
          }
          return listener.onUpdate(text, data.length);
        }
        case 'error':
        case 'complete': {
          const waiter = waiting.get(message.id ?? '');
          const detail = `${message.type} for ${message.id}: ${JSON.stringify(message.payload ?? null).slice(0, 200)}`;
          if (waiter) {
            waiting.delete(message.id ?? '');
            return waiter.reject(new Error(detail));
          }
          problems.push(detail);
          return;
        }
        default:
          problems.push(`unexpected message: ${text.slice(0, 80)}`);
      }
    });
  });
}
