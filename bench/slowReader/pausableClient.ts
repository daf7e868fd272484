/**
 * A graphql-transport-ws client of one live query on a raw `ws` socket whose TCP socket can stop
 * being read: a slow reader as the server sees it (the kernel's buffers fill, then the server's).
 * A healthy client hands every update over as raw bytes (the benchmark finds its marker without
 * parsing 10 KB per message); a pausable one parses every message and applies its patch, so that
 * once it reads again its state can be compared with a fresh query.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { applyPatch, readPatch } from '../../client/applyPatch.js';
import type { JsonValue } from '../../wire/json.js';

/** The payload of a `next`, as far as this client reads it. */
interface NextPayload {
  data?: JsonValue;
  patch?: unknown;
  revision?: number;
  errors?: unknown;
}

interface Message {
  type?: string;
  id?: string;
  payload?: NextPayload;
}

/** One live query on its own socket. */
export interface PausableClient {
  /** Stops reading the TCP socket: nothing more is taken from the kernel. */
  pause(): void;
  /** Reads again. */
  resume(): void;
  /** The result as this client has it (parsing clients only; the first result for the others). */
  state(): JsonValue | undefined;
  /** The last revision received. */
  revision(): number;
  /** `next` messages received after the first one. */
  updates(): number;
  /** The close code, once the socket closed. */
  closeCode(): number | undefined;
  /** Protocol problems: revision gaps, patches that did not apply, unexpected messages. */
  readonly problems: string[];
  close(): void;
}

/** Options of {@link openPausableClient}. */
export interface PausableClientOptions {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  /** Parse every message and apply its patch (else only the first one is parsed). */
  parse: boolean;
  /** Every update after the first, as received, with the time it arrived. */
  onUpdate?: (data: Buffer, receivedAt: number) => void;
  timeoutMs?: number;
  /** The `connection_init` payload, e.g. `{ authorization }`; none: anonymous. */
  connectionPayload?: Record<string, unknown>;
}

/**
 * Opens the socket, sends `connection_init` and `subscribe`, and resolves once the first result
 * arrived (rejects on an error, a close, or after `timeoutMs`).
 */
export function openPausableClient(options: PausableClientOptions): Promise<PausableClient> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ws = new WebSocket(options.url, 'graphql-transport-ws', { perMessageDeflate: false, handshakeTimeout: timeoutMs });
  let tcp: Socket | undefined;
  let state: JsonValue | undefined;
  let revision = 0;
  let updates = 0;
  let closeCode: number | undefined;
  const problems: string[] = [];

  const client: PausableClient = {
    pause: () => tcp?.pause(),
    resume: () => tcp?.resume(),
    state: () => state,
    revision: () => revision,
    updates: () => updates,
    closeCode: () => closeCode,
    problems,
    close: () => ws.terminate(),
  };

  const receiveNext = (payload: NextPayload) => {
    const next = payload.revision ?? NaN;
    if (payload.errors !== undefined) problems.push(`errors at revision ${next}: ${JSON.stringify(payload.errors).slice(0, 200)}`);
    if (payload.patch === undefined) {
      state = payload.data;
      if (next !== 1) problems.push(`a full result at revision ${next}`);
    } else {
      if (next !== revision + 1) problems.push(`revision ${next} after ${revision}`);
      if (state !== undefined) state = applyPatch(state, readPatch(payload.patch));
    }
    revision = next;
  };

  return new Promise<PausableClient>((resolve, reject) => {
    let live = false;
    const timer = setTimeout(() => fail(new Error(`no first result within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      if (!live) reject(error);
      ws.terminate();
    }

    // The upgrade response's socket is the TCP connection the WebSocket reads.
    ws.on('upgrade', (response) => {
      tcp = response.socket;
    });
    const init = options.connectionPayload ? { type: 'connection_init', payload: options.connectionPayload } : { type: 'connection_init' };
  ws.on('open', () => ws.send(JSON.stringify(init)));
    ws.on('error', (error) => {
      if (!live) fail(error);
    });
    ws.on('close', (code) => {
      closeCode = code;
      if (!live) fail(new Error(`closed with ${code} before the first result`));
    });
    ws.on('message', (data: Buffer) => {
      if (live && !options.parse) {
        updates++;
        options.onUpdate?.(data, performance.now());
        return;
      }
      const receivedAt = performance.now();
      let message: Message;
      try {
        message = JSON.parse(data.toString('utf8')) as Message;
      } catch {
        problems.push(`not JSON: ${data.toString('utf8', 0, 80)}`);
        return;
      }
      switch (message.type) {
        case 'connection_ack':
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: options.query, variables: options.variables } }));
          return;
        case 'ping':
          ws.send('{"type":"pong"}');
          return;
        case 'next':
          try {
            receiveNext(message.payload ?? {});
          } catch (error) {
            problems.push(`patch at revision ${message.payload?.revision}: ${error instanceof Error ? error.message : String(error)}`);
          }
          if (!live) {
            live = true;
            clearTimeout(timer);
            resolve(client);
          } else {
            updates++;
            options.onUpdate?.(data, receivedAt);
          }
          return;
        default: {
          const detail = `${message.type ?? 'untyped'}: ${JSON.stringify(message.payload ?? null).slice(0, 200)}`;
          if (!live) fail(new Error(detail));
          else problems.push(detail);
        }
      }
    });
  });
}
