/** yoga's envelop pipeline (parse, validate with the query limits, execute with masking) for graphql-ws. */
import type { IncomingMessage } from 'node:http';
import type { SubscribePayload } from 'graphql-ws';
import type { LivedocYoga } from '../http/createLivedocYoga.js';
import { envelopedOperation, type EnvelopedOperation } from '../http/envelopedOperation.js';

/** The envelop pipeline of one WebSocket operation. */
export type Envelop = (req: IncomingMessage, payload: SubscribePayload) => EnvelopedOperation;

/**
 * Returns the pipeline for WebSocket operations. Not the upgrade request (a GET: yoga would refuse
 * mutations) but a stand-in POST, so yoga's plugins treat the operation as they do over HTTP, and
 * parse errors get the code and HTTP status yoga gives them there: yoga caches parse outcomes by
 * query text for both transports.
 */
export function createEnvelop(yoga: LivedocYoga): Envelop {
  const wsRequest = new yoga.fetchAPI.Request('http://localhost/graphql', { method: 'POST' });
  return (req, payload) => envelopedOperation(yoga, { req, request: wsRequest, params: payload });
}
