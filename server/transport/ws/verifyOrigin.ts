/**
 * WebSocket upgrades from disallowed origins are refused with 403 before any message: browsers open
 * WebSockets cross-site without CORS, so a page elsewhere could otherwise read live data with the
 * visitor's cookies. An upgrade without `Origin` (a non-browser client) is allowed.
 */
import type { IncomingMessage } from 'node:http';
import { ownOriginOf, type OriginPolicy } from '../originPolicy.js';

/** ws's asynchronous `verifyClient`: refuses with 403 when `policy` does not allow the upgrade's Origin. */
export function verifyOrigin(
  policy: OriginPolicy,
): (info: { origin: string | undefined; req: IncomingMessage }, callback: (ok: boolean, code?: number, message?: string) => void) => void {
  return (info, callback) => {
    // ws passes the header as it came; an empty header counts as absent.
    const origin = info.req.headers.origin;
    if (policy(origin || undefined, ownOriginOf(info.req))) callback(true);
    else callback(false, 403, 'Origin not allowed');
  };
}
