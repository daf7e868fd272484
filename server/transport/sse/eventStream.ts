/**
 * One `text/event-stream` response of GraphQL over SSE (distinct connections mode): `next` events
 * with an `id:` line, one `complete`, heartbeat comments. It knows nothing of GraphQL: it writes the
 * JSON it is given, and tells its owner once when it ends, however it ends (completed, the client
 * went away, dropped for not reading), so that owner can release what feeds it.
 */
import type { ServerResponse } from 'node:http';
import { createConnectionPause, slowClientOptions, type ConnectionPause, type Resumable, type SlowClientOptions } from '../slowClients.js';

/** The response headers of every event stream. */
const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // Neither browsers nor proxies may cache or hold back events.
  'cache-control': 'no-cache',
  // nginx buffers proxied responses unless told not to, which would hold updates back.
  'x-accel-buffering': 'no',
  // A stream outlives any use of reusing its connection; closing it after the stream also means
  // shutdown never waits for idle keep-alive connections left by ended streams.
  connection: 'close',
} as const;

/** An SSE comment: ignored by clients, keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT = ':\n\n';

/**
 * An open event stream on `res`. Construct it only when the stream is accepted (it answers 200).
 * A class: thousands may be open at once, and prototype methods cost nothing per instance.
 */
export class EventStream {
  readonly #res: ServerResponse;
  readonly #maxBufferedBytes: number;
  readonly #slowClients: SlowClientOptions;
  /** The paused live query and its drain wait, made at the first pause. */
  #pause: ConnectionPause | undefined = undefined;
  #onEnd: ((stream: EventStream) => void) | undefined;
  /** Releases what feeds the stream (an engine subscription, a subscription's iterator) and its timers. */
  #release: (() => void) | undefined = undefined;
  /** The id of the last `next` written (its revision, for a live query); 0 before the first. */
  #lastId = 0;
  #ended = false;
  #droppedSlow = false;

  /**
   * Writes the 200 response head at once (so the client sees the stream accepted before the first
   * result), with `headers` besides its own (CORS), and calls `onEnd` exactly once when the stream
   * ends for whatever reason. Over `maxBufferedBytes` unsent, the client is cut off at once (a safety
   * net); see {@link behind} for the watermark.
   */
  constructor(
    res: ServerResponse,
    maxBufferedBytes: number,
    onEnd: (stream: EventStream) => void,
    headers: Record<string, string> = {},
    slowClients: SlowClientOptions = slowClientOptions(),
  ) {
    this.#res = res;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#slowClients = slowClients;
    this.#onEnd = onEnd;
    res.once('close', () => this.#end());
    // The body ends with the connection (`connection: close`), so it need not be chunked: events can
    // then go to the socket as they are (see #write).
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, { ...headers, ...STREAM_HEADERS });
    res.flushHeaders();
  }

  /** True once the stream was cut for not reading (see {@link next}). */
  get droppedSlow(): boolean {
    return this.#droppedSlow;
  }

  /** True when more than the slow-client watermark is unsent: live updates pause (see {@link pause}). */
  get behind(): boolean {
    return !this.#ended && this.#res.writableLength > this.#slowClients.watermarkBytes;
  }

  /**
   * Pauses `sink` until what is queued now is written to the operating system (a heartbeat comment
   * queued behind it tells), then resumes it. Paused for longer than the slow-client timeout, the
   * client is cut off (it reconnects to the current state).
   */
  pause(sink: Resumable): void {
    this.#pause ??= createConnectionPause(
      this.#slowClients,
      // The callback also comes, with an error, when the response is destroyed first (resuming then writes nothing).
      (drained) => this.#write(HEARTBEAT, () => drained()),
      () => {
        this.#droppedSlow = true;
        this.abort();
      },
    );
    this.#pause.pause(sink);
  }

  /** True once the stream has ended (completed, dropped, or the client went away). */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Writes a `next` event with `id: id` and `json` (one line of JSON: JSON.stringify never writes a
   * raw line break). A client that leaves more than the maximum unread is dropped instead. Returns
   * what was written (for its size), or undefined when nothing was.
   */
  next(id: number, json: string): string | undefined {
    if (!this.#writable()) return undefined;
    this.#lastId = id;
    const event = `event: next\nid: ${id}\ndata: ${json}\n\n`;
    this.#write(event);
    return event;
  }

  /** Writes the `complete` event (its id repeats the last `next`'s) and ends the response. */
  complete(): void {
    if (this.#ended) return;
    const id = this.#lastId > 0 ? `id: ${this.#lastId}\n` : '';
    // `data:` (empty) because an EventSource drops events without a data line.
    this.#res.end(`event: complete\n${id}data:\n\n`);
    this.#end();
  }

  /** Adds what to release when the stream ends; released at once when it has ended already. */
  releaseOnEnd(release: () => void): void {
    if (this.#ended) return release();
    const earlier = this.#release;
    this.#release = earlier
      ? () => {
          earlier();
          release();
        }
      : release;
  }

  /** Writes a heartbeat comment, unless the client is not reading. */
  heartbeat(): void {
    if (this.#writable()) this.#write(HEARTBEAT);
  }

  /**
   * Writes to the connection itself once the response has nothing of its own queued (its head went
   * out with `flushHeaders`; the body is delimited by the close, not chunked): `res.write` corks the
   * socket and queues an uncork per call, which at thousands of streams per update costs about as
   * much as the write. Through the response while it still holds bytes, so nothing overtakes them.
   */
  #write(chunk: string, callback?: (error?: Error | null) => void): void {
    const res = this.#res;
    const socket = res.socket;
    if (socket && !socket.destroyed && res.writableLength === socket.writableLength) socket.write(chunk, callback);
    else res.write(chunk, callback);
  }

  /**
   * Ends the response cleanly but without `complete`: the operation is not over, the client must
   * come back (EventSource and graphql-sse's client reconnect by themselves), e.g. with a fresh token.
   */
  end(): void {
    if (this.#ended) return;
    this.#res.end();
    this.#end();
  }

  /**
   * Cuts the connection without `complete`: to the client it looks like a lost connection, after which
   * clients reconnect (EventSource and graphql-sse's client both do) and start again at revision 1.
   */
  abort(): void {
    if (this.#ended) return;
    this.#res.destroy();
    this.#end();
  }

  /**
   * True when one more event may be written. Over the maximum of unsent bytes, the client is not
   * reading: buffering for it without bound would cost the process, and what is queued is stale
   * anyway, so the connection is cut (it reconnects to the current state).
   */
  #writable(): boolean {
    if (this.#ended) return false;
    if (this.#res.writableLength > this.#maxBufferedBytes) {
      this.#droppedSlow = true;
      this.abort();
      return false;
    }
    return true;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const onEnd = this.#onEnd;
    const release = this.#release;
    this.#onEnd = undefined;
    this.#release = undefined;
    this.#pause?.dispose();
    release?.();
    onEnd?.(this);
  }
}
