/**
 * Serves `@live` subscribe messages of one socket without graphql-ws. graphql-ws keeps every operation
 * alive as a suspended async function with its own closures, promises and parsed message — about two
 * kilobytes per idle live query — while a live query needs only its engine membership. The router
 * sees every incoming message first: a live query that can start is served here; everything else
 * (non-live operations, bad messages, live queries with errors, anything before `connection_ack`) goes
 * on to graphql-ws untouched, which answers exactly as the protocol says.
 *
 * It follows graphql-ws's rules, reading graphql-ws's own state of the socket (its `Context`) rather
 * than watching what it sends: only after graphql-ws acknowledged the connection (else graphql-ws
 * closes 4401), one operation per id across both (a duplicate closes 4409), `complete` from the client
 * ends the operation without a reply, the engine ending it (shutdown) sends `complete`, a result over
 * the result cap sends `error` (and ends it), and the
 * socket closing ends them all. Messages the router writes itself are never parsed: live updates
 * are the fan-out hot path.
 */
import { MessageType, parseMessage, stringifyMessage, type Context, type SubscribePayload } from 'graphql-ws';
import type { GraphQLFormattedError } from 'graphql';
import type { WebSocket } from 'ws';
import { CLOSE_SUBSCRIBER_EXISTS } from '../../../wire/closeCodes.js';
import type { LiveSinkEnded, LiveSocketSink } from './liveSocketSink.js';

/**
 * Prepares a live query: returns the function that starts it, or undefined to leave the operation to
 * graphql-ws. Two steps, so a live query over the socket's limit is refused without starting.
 */
export type StartLive = (id: string, payload: SubscribePayload) => ((onComplete: LiveSinkEnded) => LiveSocketSink) | undefined;

/** What the router reads of graphql-ws's state of the socket: the ack, and the ids of its operations. */
export type GraphQLWsState = Pick<Context, 'acknowledged' | 'subscriptions'>;

/** The router of one socket. */
export interface LiveOperationRouter {
  /** Handles an incoming text message; false means graphql-ws must handle it. Throws what starting a live query throws. */
  receive(data: string): boolean;
  /** The socket closed: ends every live query served here. */
  close(): void;
  /** Number of live queries served here (for tests). */
  readonly size: number;
}

/**
 * Creates the router of `socket`. `graphqlWs` returns graphql-ws's state of the socket once it has
 * one (from its `onConnect`), else undefined (nothing acknowledged yet). A `subscribe` of a live query
 * while the socket holds `maxLive` gets an `error` message (code `LIMIT_EXCEEDED`) for its id, and
 * `onLimit` is told.
 */
export function createLiveOperationRouter(
  socket: WebSocket,
  graphqlWs: () => GraphQLWsState | undefined,
  startLive: StartLive,
  maxLive = Number.POSITIVE_INFINITY,
  onLimit?: () => void,
): LiveOperationRouter {
  const live = new Map<string, LiveSocketSink>();

  const onComplete: LiveSinkEnded = (sink, errors) => {
    if (live.get(sink.id) !== sink) return;
    live.delete(sink.id);
    if (socket.readyState !== socket.OPEN) return;
    const id = sink.id;
    socket.send(stringifyMessage(errors ? { id, type: MessageType.Error, payload: errors } : { id, type: MessageType.Complete }));
  };

  function subscribe(id: string, payload: SubscribePayload): boolean {
    const state = graphqlWs();
    if (!state?.acknowledged || id in state.subscriptions) return false; // graphql-ws closes 4401 or 4409
    if (live.has(id)) {
      socket.close(CLOSE_SUBSCRIBER_EXISTS, `Subscriber for ${id} already exists`);
      return true;
    }
    const start = startLive(id, payload);
    if (!start) return false;
    // Over the limit: this operation only is refused; the socket and its live queries go on.
    if (live.size >= maxLive) {
      onLimit?.();
      socket.send(stringifyMessage({ id, type: MessageType.Error, payload: [liveLimitError(maxLive)] }));
    } else live.set(id, start(onComplete));
    return true;
  }

  function complete(id: string): boolean {
    const sink = live.get(id);
    if (!sink) return false;
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
    close() {
      const sinks = [...live.values()];
      live.clear();
      for (const sink of sinks) sink.stop();
    },
    get size() {
      return live.size;
    },
  };
}

/** The error of a live query over the socket's limit; completing another frees a slot. */
function liveLimitError(maxLive: number): GraphQLFormattedError {
  return {
    message: `Too many live queries on this socket: at most ${maxLive}; complete one to start another.`,
    extensions: { code: 'LIMIT_EXCEEDED', limit: maxLive },
  };
}
