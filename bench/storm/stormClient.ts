/**
 * One raw graphql-ws client of the reconnect storm. Like the Node client it holds its live state
 * (patches applied), its revision and its last resume token. It goes live on instance A; once armed,
 * when A closes its socket it waits for the end of the outage and its reconnect delay, connects to B
 * and re-subscribes — with its token in `resume` mode, without in `refetch` mode — retrying with the
 * client's backoff when B turns it away, and notes when its state equals a fresh query again.
 */
import WebSocket from 'ws';
import { backoffDelay } from '../../client/backoff.js';
import { isJsonObject, type JsonValue } from '../../wire/json.js';
import { applyShared, readNext, type FreshResults } from './sharedPayloads.js';
import type { QueryKind, ReconnectMode } from './types.js';

/** Bounds the WebSocket handshake (the Node client has none; a storm's SYNs may wait in the backlog). */
const HANDSHAKE_TIMEOUT_MS = 60_000;
/**
 * A socket without `connection_ack` this long after it opened is dropped (and retried during the
 * storm), as the Node client drops a socket whose keep-alive ping, sent 10 s after it opened, has no
 * pong 5 s later.
 */
const ACK_TIMEOUT_MS = 15_000;
const INIT = JSON.stringify({ type: 'connection_init' });

/** What a client is and where it reports. */
export interface StormClientOptions {
  kind: QueryKind;
  query: string;
  variables: Record<string, unknown>;
  mode: ReconnectMode;
  fresh: FreshResults;
  /** Records a protocol problem (the caller keeps a few). */
  problem(message: string): void;
  /** Called once, when the client is live again after the storm. */
  onLive(): void;
}

/** Where and when the client goes once A closes its socket. */
export interface StormPlan {
  url: string;
  /** Resolves when the outage is over (its writes made, fresh results known). */
  gate: Promise<void>;
  /** Wait this long after A's close (and at least until the gate) before connecting to B. */
  delayMs: number;
  maxAttempts: number;
}

/** The first `next` after re-subscribing, or an `error` in its place. */
export type AnswerKind = 'full' | 'patch' | 'emptyPatch' | 'error';

/** What the client saw of the storm (times from performance.now()). */
export interface StormFigures {
  aCloseCode: string | undefined;
  aClosedAt: number | undefined;
  /** Sockets opened to B. */
  attempts: number;
  sentToken: boolean;
  answer: AnswerKind | undefined;
  /** When the socket to B that got the answer started connecting. */
  connectingAt: number | undefined;
  subscribedAt: number | undefined;
  answeredAt: number | undefined;
  answerBytes: number;
  liveAt: number | undefined;
  /** When the client's current state arrived (from B). */
  changedAt: number | undefined;
  /** WebSocket frame bytes received from B. */
  bytes: number;
  /** Close codes of sockets to B that closed before the client was live (`no ack`: dropped by the client, see ACK_TIMEOUT_MS). */
  bCloses: string[];
}

/** Bytes of a server → client WebSocket frame carrying `payload` bytes (unmasked header + payload). */
export function frameBytes(payload: number): number {
  return payload + 2 + (payload >= 65_536 ? 8 : payload >= 126 ? 2 : 0);
}

/** One client; see the module comment. */
export class StormClient {
  readonly figures: StormFigures = {
    aCloseCode: undefined,
    aClosedAt: undefined,
    attempts: 0,
    sentToken: false,
    answer: undefined,
    connectingAt: undefined,
    subscribedAt: undefined,
    answeredAt: undefined,
    answerBytes: 0,
    liveAt: undefined,
    changedAt: undefined,
    bytes: 0,
    bCloses: [],
  };
  #state: JsonValue | undefined;
  #revision = 0;
  #token: string | undefined;
  #subscription = 0;
  #socket: WebSocket | undefined;
  /** The current socket goes to B: its bytes count. */
  #toB = false;
  #plan: StormPlan | undefined;
  #stopped = false;
  #firstResult: { resolve(): void; reject(error: Error): void } | undefined;
  #timers = new Set<NodeJS.Timeout>();

  constructor(readonly options: StormClientOptions) {}

  get kind(): QueryKind {
    return this.options.kind;
  }

  get state(): JsonValue | undefined {
    return this.#state;
  }

  get token(): string | undefined {
    return this.#token;
  }

  /** Connects to `url` and subscribes; resolves on the first result, rejects on a close or after `timeoutMs`. */
  connect(url: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = this.#after(timeoutMs, () => {
        this.#firstResult = undefined;
        this.#socket?.terminate();
        reject(new Error(`no first result within ${timeoutMs} ms`));
      });
      const settle = () => {
        this.#cancel(timer);
        this.#firstResult = undefined;
      };
      this.#firstResult = {
        resolve: () => {
          settle();
          resolve();
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      this.#open(url, false);
    });
  }

  /** From now on, a close of the socket to A sends the client to `plan.url`. */
  arm(plan: StormPlan): void {
    this.#plan = plan;
  }

  /** Closes the socket and cancels every pending reconnect. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#socket?.terminate();
  }

  #after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  #cancel(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(timer);
  }

  #open(url: string, toB: boolean): void {
    const socket = new WebSocket(url, 'graphql-transport-ws', {
      perMessageDeflate: false,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    this.#socket = socket;
    this.#toB = toB;
    let ackTimer: NodeJS.Timeout | undefined;
    let dropped = false;
    socket.on('open', () => {
      socket.send(INIT);
      ackTimer = this.#after(ACK_TIMEOUT_MS, () => {
        dropped = true;
        socket.terminate();
      });
    });
    // The close event that follows an error decides what happens next.
    socket.on('error', () => {});
    socket.on('message', (data: Buffer) => {
      if (socket === this.#socket) this.#receive(socket, data, ackTimer);
    });
    socket.on('close', (code: number) => {
      this.#cancel(ackTimer);
      if (socket === this.#socket) this.#closed(dropped ? 'no ack' : code);
    });
  }

  #receive(socket: WebSocket, data: Buffer, ackTimer: NodeJS.Timeout | undefined): void {
    const bytes = frameBytes(data.length);
    if (this.#toB) this.figures.bytes += bytes;
    const text = data.toString('utf8');
    // graphql-ws writes `{"id":…,"type":"next",…`: a result is recognised without parsing it here.
    if (text.slice(0, 48).includes('"type":"next"')) return this.#next(text, bytes);
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.options.problem(`not JSON: ${text.slice(0, 80)}`);
    }
    const type = isJsonObject(message) ? message.type : undefined;
    switch (type) {
      case 'connection_ack':
        this.#cancel(ackTimer);
        return this.#subscribe(socket);
      case 'ping':
        return socket.send('{"type":"pong"}');
      case 'pong':
        return;
      case 'error':
        return this.#rejected(socket, text);
      default:
        return this.options.problem(`unexpected message: ${text.slice(0, 120)}`);
    }
  }

  #subscribe(socket: WebSocket): void {
    this.#subscription++;
    const resume = this.#plan !== undefined && this.options.mode === 'resume' && this.#token !== undefined;
    const { figures } = this;
    if (this.#toB) {
      figures.sentToken ||= resume;
      if (figures.answer === undefined) figures.subscribedAt = performance.now();
    }
    const payload = {
      query: this.options.query,
      variables: this.options.variables,
      ...(resume && { extensions: { live: { resume: this.#token } } }),
    };
    socket.send(JSON.stringify({ id: String(this.#subscription), type: 'subscribe', payload }));
  }

  #next(text: string, bytes: number): void {
    let read: ReturnType<typeof readNext>;
    try {
      read = readNext(text);
    } catch (error) {
      return this.options.problem(error instanceof Error ? error.message : String(error));
    }
    const { message } = read;
    if (message.id !== String(this.#subscription))
      return this.options.problem(`next for ${message.id}, subscribed as ${this.#subscription}`);
    if (message.full) {
      if (message.revision !== 1) this.options.problem(`full result at revision ${message.revision}`);
      this.#state = message.data;
    } else {
      if (this.#state === undefined)
        return this.options.problem(`patch (revision ${message.revision}) before any result`);
      if (message.revision !== this.#revision + 1)
        this.options.problem(`revision ${message.revision} after ${this.#revision}`);
      try {
        this.#state = applyShared(this.#state, message);
      } catch (error) {
        return this.options.problem(error instanceof Error ? error.message : String(error));
      }
    }
    this.#revision = message.revision;
    if (read.token !== undefined) this.#token = read.token;
    const { figures } = this;
    if (this.#toB) figures.changedAt = performance.now();
    if (this.#toB && figures.answer === undefined) {
      figures.answer = message.full ? 'full' : message.patch.length === 0 ? 'emptyPatch' : 'patch';
      figures.answeredAt = performance.now();
      figures.answerBytes = bytes;
    }
    this.#firstResult?.resolve();
    this.checkLive();
  }

  /** An `error` for the subscription: a rejected token is dropped and the query re-subscribed without it. */
  #rejected(socket: WebSocket, text: string): void {
    this.options.problem(`error message: ${text.slice(0, 200)}`);
    if (this.#firstResult) return this.#firstResult.reject(new Error(`subscribe rejected: ${text.slice(0, 200)}`));
    if (this.#toB && this.figures.answer === undefined) this.figures.answer = 'error';
    if (this.#token === undefined || this.options.mode !== 'resume') return;
    this.#token = undefined;
    this.#subscribe(socket);
  }

  /**
   * Notes the client live again when it has its answer and its state equals the fresh result — as
   * of when that state arrived, so a fresh result learnt later (call this again then) does not delay it.
   */
  checkLive(): void {
    const { figures } = this;
    if (!this.#toB || figures.answer === undefined || figures.liveAt !== undefined) return;
    if (!this.options.fresh.equals(this.options.kind, this.#state)) return;
    figures.liveAt = figures.changedAt ?? performance.now();
    this.options.onLive();
  }

  #closed(code: number | 'no ack'): void {
    this.#socket = undefined;
    if (this.#stopped) return;
    if (this.#firstResult) return this.#firstResult.reject(new Error(`socket closed ${code} before its first result`));
    const plan = this.#plan;
    if (!plan) return this.options.problem(`socket closed ${code} before the storm`);
    const { figures } = this;
    if (!this.#toB) {
      figures.aCloseCode = String(code);
      figures.aClosedAt = performance.now();
      void plan.gate.then(() => {
        const wait = (figures.aClosedAt ?? 0) + plan.delayMs - performance.now();
        this.#after(Math.max(0, wait), () => this.#attempt(plan));
      });
      return;
    }
    if (figures.liveAt !== undefined) return this.options.problem(`B closed ${code} after the client was live again`);
    figures.bCloses.push(String(code));
    if (figures.attempts < plan.maxAttempts) this.#after(backoffDelay(figures.attempts - 1), () => this.#attempt(plan));
  }

  #attempt(plan: StormPlan): void {
    if (this.#stopped) return;
    this.figures.attempts++;
    if (this.figures.answer === undefined) this.figures.connectingAt = performance.now();
    this.#open(plan.url, true);
  }
}
