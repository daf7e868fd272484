/** Reads a `text/event-stream` response event by event, as a client sees it on the wire. */
import { createQueue } from './waitFor.js';

/** One event block of the stream: its fields, or a comment (a heartbeat). */
export interface StreamEvent {
  event?: string;
  id?: string;
  data?: string;
  /** The block was a comment only (`:…`). */
  comment?: boolean;
}

/** Events taken one at a time with a bounded wait; `'end'` once the response body ended. */
export interface EventStreamReader {
  next(what?: string, timeoutMs?: number): Promise<StreamEvent | 'end'>;
  /** The next event that is not a heartbeat comment. */
  nextEvent(what?: string, timeoutMs?: number): Promise<StreamEvent | 'end'>;
  /** Goes away: cancels the body (the connection closes). */
  cancel(): Promise<void>;
}

/** Starts reading `response`'s body; throws when it has none. */
export function readEventStream(response: Response): EventStreamReader {
  if (!response.body) throw new Error('The response has no body.');
  const reader = response.body.getReader();
  const queue = createQueue<StreamEvent | 'end'>();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          queue.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Cancelled or cut off: the stream ended all the same.
    }
    queue.push('end');
  })();
  const next = (what = 'the next event', timeoutMs = 5_000) => queue.take(timeoutMs, what);
  return {
    next,
    async nextEvent(what = 'the next event', timeoutMs = 5_000) {
      for (;;) {
        const item = await next(what, timeoutMs);
        if (item === 'end' || !item.comment) return item;
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** The fields of one event block (lines `field: value`; a line starting with `:` is a comment). */
function parseBlock(block: string): StreamEvent {
  const event: StreamEvent = {};
  let fields = 0;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event' || field === 'id') event[field] = value;
    if (field === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
    fields++;
  }
  if (fields === 0) event.comment = true;
  return event;
}
