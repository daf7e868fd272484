/**
 * Live updates as WebSocket text frames written straight to the socket's TCP stream, without a copy
 * of the payload per member. Every member of a group that receives one update at one revision sends
 * the same bytes after its own `{"id":…,"type":"next","payload":` prefix, so those bytes are encoded
 * once into a shared buffer, and each member writes a small buffer (frame header and prefix) followed
 * by the shared one; its socket is corked for the tick (tickCork.ts), so the two leave in one `writev`
 * with the socket's other frames. Through `ws.send`, each member built its frame as a string that ws
 * measured, framed and encoded again: at 20,000 watchers about a third of the server's time went to
 * collecting that garbage.
 *
 * Only for sockets without extensions: with permessage-deflate ws may queue frames, and writing around
 * its queue would reorder them. ws's `bufferedAmount` counts these bytes (it reads the stream's).
 */
import type { Duplex } from 'node:stream';

/** FIN and the text opcode: one whole text message per frame. */
const FIN_TEXT = 0x81;

let sharedPayload = '';
let sharedBytes = Buffer.alloc(0);

/**
 * `payload` and the message's closing brace, encoded once for every member writing it in a row (one
 * update at one revision: the engine hands them the same string, so the check is one comparison).
 */
function shared(payload: string): Buffer {
  if (payload !== sharedPayload) {
    sharedBytes = Buffer.from(`${payload}}`);
    sharedPayload = payload;
  }
  return sharedBytes;
}

/**
 * Writes one text frame holding the message `prefix` + `payload` + `}` (`payload` shared by
 * consecutive calls); returns the message's UTF-8 size.
 */
export function writeTextFrame(stream: Duplex, prefix: string, payload: string): number {
  const tail = shared(payload);
  const prefixBytes = Buffer.byteLength(prefix);
  const length = prefixBytes + tail.length;
  const headBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const head = Buffer.allocUnsafe(headBytes + prefixBytes);
  head[0] = FIN_TEXT;
  if (headBytes === 2) head[1] = length;
  else if (headBytes === 4) {
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 127;
    head.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    head.writeUInt32BE(length >>> 0, 6);
  }
  head.write(prefix, headBytes);
  stream.write(head);
  stream.write(tail);
  return length;
}
