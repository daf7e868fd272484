/**
 * The WebSocket close codes a livedoc server sends, and what a client should make of them
 * (docs/protocol.md, "Close codes"). The 1xxx codes are RFC 6455's; the 4xxx codes are the
 * GraphQL over WebSocket protocol's, as graphql-ws names them in its `CloseCode`.
 */
import { CloseCode } from 'graphql-ws';

/** 1001: the server is shutting down; reconnect (to another instance, if any). */
export const CLOSE_GOING_AWAY = 1001;

/** 1008: the client left too many updates unread; it reconnects and starts again at revision 1. */
export const CLOSE_TOO_SLOW = 1008;

/** 1009: a message over the server's size limit (sent by `ws` when a frame exceeds `maxPayload`). */
export const CLOSE_MESSAGE_TOO_BIG = 1009;

/** 4400: a message that is not a valid protocol message, or a binary one. */
export const CLOSE_BAD_REQUEST = CloseCode.BadRequest;

/** 4401: `subscribe` before the server acknowledged the connection. */
export const CLOSE_UNAUTHORIZED = CloseCode.Unauthorized;

/** 4406: the socket did not choose the `graphql-transport-ws` subprotocol. */
export const CLOSE_SUBPROTOCOL_NOT_ACCEPTABLE = CloseCode.SubprotocolNotAcceptable;

/** 4408: no `connection_init` within the server's wait (3 s). */
export const CLOSE_INIT_TIMEOUT = CloseCode.ConnectionInitialisationTimeout;

/** 4409: `subscribe` with an id that an operation of this socket still holds. */
export const CLOSE_SUBSCRIBER_EXISTS = CloseCode.SubscriberAlreadyExists;

/** 4429: a second `connection_init` on the same socket. */
export const CLOSE_TOO_MANY_INITS = CloseCode.TooManyInitialisationRequests;

/** 4500: the server failed unexpectedly handling a message (the reason is masked in production). */
export const CLOSE_INTERNAL_ERROR = CloseCode.InternalServerError;

/**
 * 4403: at `connection_init`, a token that is malformed, badly signed or expired; later, the
 * viewer's token expired. Get a fresh token and reconnect (graphql-ws clients retry it).
 */
export const CLOSE_FORBIDDEN = CloseCode.Forbidden;

/** 4029: the viewer (or, anonymous, the address) already holds as many sockets as the server allows. */
export const CLOSE_TOO_MANY_SOCKETS = 4029;
