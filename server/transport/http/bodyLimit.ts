/**
 * The request body limit, for bodies that announce their size: refused at once with 413, unread, and
 * the connection closed (what the client still sends is not read). Bodies without a Content-Length
 * (chunked) are counted while they stream in by yoga's body limit, set to the same size.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers 413 (code REQUEST_ENTITY_TOO_LARGE) when the declared body is over `maxBytes`; true if it did. */
export function refuseLargeBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined || !/^\d+$/.test(declared) || Number(declared) <= maxBytes) return false;
  const body = JSON.stringify({
    errors: [
      {
        message: `Request body too large: expected at most ${maxBytes} bytes, but Content-Length is ${declared}.`,
        extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
      },
    ],
  });
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
  return true;
}
