/**
 * Live updates as WebSocket text frames written straight to the socket's TCP stream, without a copy
 * of the payload per member. Every member of a group that receives one update at one revision sends
 * the same bytes after its own `{"id":…,"type":"next","payload":` prefix, so those bytes are encoded
 * once, and each member writes one buffer: its frame header and prefix, then a copy of those bytes;
 * its socket is corked for the tick (tickCork.ts), so the frame leaves in one `writev` with the
 * socket's other frames. `ws.send` would take each member's frame as a string to measure, frame and
 * encode again; at 20,000 watchers the garbage of that took about a third of the server's time.
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

/** The start of a graphql-ws `next` message up to its id, and from the id's end to the payload. */
const NEXT_HEAD = Buffer.from('{"id":"');
const NEXT_MIDDLE = Buffer.from('","type":"next","payload":');

/** Ids JSON writes as they are: no quote, backslash, control or non-ASCII character. */
const PLAIN_ID = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Writes one graphql-ws `next` message of operation `id` as a text frame: `{"id":…,"type":"next",
 * "payload":` + `payload` + `}`, `payload` shared by consecutive calls. Returns the message's UTF-8
 * size. Plain ids (uuids, counters) are copied in without building a string per member.
 */
export function writeNextFrame(stream: Duplex, id: string, payload: string): number {
  const tail = shared(payload);
  const plain = PLAIN_ID.test(id);
  const idText = plain ? id : JSON.stringify(id).slice(1, -1);
  const idBytes = plain ? id.length : Buffer.byteLength(idText);
  const length = NEXT_HEAD.length + idBytes + NEXT_MIDDLE.length + tail.length;
  const headBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  // One buffer per frame, the shared tail copied in: a copy of a few hundred bytes costs less than a
  // second write, whose bookkeeping a corked stream keeps until the tick ends.
  const frame = Buffer.allocUnsafe(headBytes + length);
  frame[0] = FIN_TEXT;
  if (headBytes === 2) frame[1] = length;
  else if (headBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  let at = headBytes + NEXT_HEAD.copy(frame, headBytes);
  at += frame.write(idText, at, plain ? 'latin1' : 'utf8');
  at += NEXT_MIDDLE.copy(frame, at);
  tail.copy(frame, at);
  stream.write(frame);
  return length;
}
