/**
 * Serves `@live` subscribe messages of one socket without graphql-ws. graphql-ws keeps every operation
 * alive as a suspended async function with its own closures, promises and parsed message — about two
 * kilobytes per idle live query — while a live query needs only its engine membership. The router
 * sees every message first: a live query that can start is served here; everything else (non-live
 * operations, bad messages, live queries with errors, anything before `connection_ack`) goes on to
 * graphql-ws untouched, which answers exactly as the protocol says.
 *
 * It mirrors graphql-ws's rules for what it serves: only after `connection_ack` (else graphql-ws
 * closes 4401), one operation per id across both (a duplicate closes 4409), `complete` from the client
 * ends the operation without a reply, the engine ending it (shutdown) sends `complete`, and the
 * socket closing ends them all.
 */
import { CloseCode, MessageType, parseMessage, type SubscribePayload } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { LiveSocketSink } from './liveSocketSubscription.js';

/** Starts a live query, or returns undefined to leave the operation to graphql-ws. */
export type StartLive = (id: string, payload: SubscribePayload, onComplete: (sink: LiveSocketSink) => void) => LiveSocketSink | undefined;

/** The router of one socket. */
export interface LiveOperationRouter {
  /** Handles an incoming text message; false means graphql-ws must handle it. Throws what `startLive` throws. */
  receive(data: string): boolean;
  /** Watches a message graphql-ws sends (its `connection_ack`, and the end of its operations). */
  sent(data: string): void;
  /** The socket closed: ends every live query served here. */
  close(): void;
  /** Number of live queries served here (for tests). */
  readonly size: number;
}

/** Creates the router of `socket`. */
export function createLiveOperationRouter(socket: WebSocket, startLive: StartLive): LiveOperationRouter {
  let acknowledged = false;
  const live = new Map<string, LiveSocketSink>();
  /** Operations graphql-ws holds, from their `subscribe` until it completes them or the client does. */
  const forwarded = new Set<string>();

  const onComplete = (sink: LiveSocketSink) => {
    if (live.get(sink.id) !== sink) return;
    live.delete(sink.id);
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: sink.id, type: MessageType.Complete }));
  };

  function subscribe(id: string, payload: SubscribePayload): boolean {
    if (!acknowledged || forwarded.has(id)) return false; // graphql-ws closes 4401 or 4409
    if (live.has(id)) {
      socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`);
      return true;
    }
    const sink = startLive(id, payload, onComplete);
    if (!sink) {
      forwarded.add(id);
      return false;
    }
    live.set(id, sink);
    return true;
  }

  function complete(id: string): boolean {
    const sink = live.get(id);
    if (!sink) {
      forwarded.delete(id);
      return false;
    }
    live.delete(id);
    sink.stop();
    return true;
  }

  return {
    receive(data) {
      let message;
      try {
        message = parseMessage(data);
      } catch {
        return false; // graphql-ws closes 4400 with its own reason
      }
      if (message.type === MessageType.Subscribe) return subscribe(message.id, message.payload);
      if (message.type === MessageType.Complete) return complete(message.id);
      return false;
    },
    sent(data) {
      if (!acknowledged) acknowledged = data.startsWith('{"type":"connection_ack"');
      if (forwarded.size > 0) {
        const ended = endedOperation(data);
        if (ended !== undefined) forwarded.delete(ended);
      }
    },
    close() {
      const sinks = [...live.values()];
      live.clear();
      forwarded.clear();
      for (const sink of sinks) sink.stop();
    },
    get size() {
      return live.size;
    },
  };
}

const TYPE_FIELD = ',"type":"';

/**
 * The id of an operation a graphql-ws message ends (`complete` or `error`), else undefined. graphql-ws
 * writes `{"id":…,"type":…` in that order; the first `,"type":"` is the field, as a JSON string cannot
 * contain an unescaped quote. Reads only the message's start: `next` payloads can be large.
 */
function endedOperation(data: string): string | undefined {
  if (!data.startsWith('{"id":')) return undefined;
  const at = data.indexOf(TYPE_FIELD);
  if (at < 0) return undefined;
  const type = at + TYPE_FIELD.length;
  if (!data.startsWith('complete"', type) && !data.startsWith('error"', type)) return undefined;
  const id: unknown = JSON.parse(data.slice(6, at));
  return typeof id === 'string' ? id : undefined;
}
