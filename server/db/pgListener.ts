import pg from 'pg';
import { quoteIdent, type ConnectionListener, type StoreLogger } from './db.js';
import { errorInfo } from './errorInfo.js';

/** Options of {@link PgListener}. */
export interface PgListenerOptions {
  /** Connection string of the database. */
  url: string;
  /** `application_name` of the LISTEN connection. */
  applicationName: string;
  logger: StoreLogger;
  /** First reconnect delay; doubles per failed attempt. */
  reconnectInitialMs: number;
  /** Upper bound of the reconnect delay. */
  reconnectMaxMs: number;
}

type PayloadListener = (payload: string) => void;

/**
 * The dedicated `pg.Client` that holds the LISTENs of a PostgreSQL `Db`. When it errors or ends it is
 * replaced with exponential backoff, every subscribed channel is LISTENed again, and connection
 * listeners hear `false` then `true`, since notifications sent meanwhile are lost.
 * A class because the connection, its channels and the reconnect timer form one piece of mutable state.
 */
export class PgListener {
  readonly #options: PgListenerOptions;
  /** Subscribers per channel: what must be LISTENed on every new connection. */
  readonly #channels = new Map<string, Set<PayloadListener>>();
  readonly #connectionListeners = new Set<ConnectionListener>();
  #client: pg.Client | null = null;
  /** Channels LISTENed on the current client; null while it is not connected. */
  #listened: Set<string> | null = null;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: PgListenerOptions) {
    this.#options = options;
  }

  /** Opens the first connection. Rejects if it fails; no reconnect is attempted then. */
  start(): Promise<void> {
    return this.#connect();
  }

  /** True while the connection is up with every subscribed channel LISTENed, and not closed. */
  isReady(): boolean {
    return !this.#closed && this.#listened !== null;
  }

  /**
   * Subscribes `onPayload` to NOTIFY on `channel`. Resolves once the channel is LISTENed (or will be
   * by the connection under way); rejects, unsubscribed, if the LISTEN fails. Resolves to the
   * unsubscribe function, which UNLISTENs when the channel's last subscriber leaves.
   */
  async listen(channel: string, onPayload: PayloadListener): Promise<() => Promise<void>> {
    let set = this.#channels.get(channel);
    if (!set) {
      set = new Set();
      this.#channels.set(channel, set);
    }
    set.add(onPayload);
    const client = this.#client;
    const done = this.#listened;
    // While connecting (`done` null), #listenAll picks the new channel up before the connection counts as ready.
    if (client && done && !done.has(channel)) {
      try {
        await client.query(`LISTEN ${quoteIdent(channel)}`);
        done.add(channel);
      } catch (err) {
        set.delete(onPayload);
        if (set.size === 0) this.#channels.delete(channel);
        throw err;
      }
    }
    return () => this.#unlisten(channel, onPayload);
  }

  /** Adds a listener of connection losses (`false`) and re-establishments (`true`); returns its removal. */
  onConnectionChange(fn: ConnectionListener): () => void {
    this.#connectionListeners.add(fn);
    return () => {
      this.#connectionListeners.delete(fn);
    };
  }

  /** Stops reconnecting and ends the connection. Resolves when it has ended; never rejects. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const client = this.#client;
    this.#client = null;
    this.#listened = null;
    if (client) {
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
    }
  }

  async #unlisten(channel: string, onPayload: PayloadListener): Promise<void> {
    const current = this.#channels.get(channel);
    if (!current?.delete(onPayload) || current.size > 0) return;
    this.#channels.delete(channel);
    if (this.#client && this.#listened?.delete(channel)) {
      // A failed UNLISTEN only costs notifications nobody dispatches; a broken connection reconnects anyway.
      await this.#client.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
    }
  }

  /** Opens a client and LISTENs every channel; it becomes the current one only when all that succeeded. */
  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.url,
      application_name: this.#options.applicationName,
      keepAlive: true,
    });
    this.#client = client;
    client.on('error', (err) => this.#lost(client, err));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    client.on('notification', (message) => this.#dispatch(message));
    try {
      await client.connect();
      const done = new Set<string>();
      await this.#listenAll(client, done);
      if (this.#closed || client !== this.#client) throw new Error('listener replaced while connecting');
      this.#listened = done;
    } catch (err) {
      if (client === this.#client) this.#client = null;
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      throw err;
    }
  }

  /** LISTENs every subscribed channel not yet in `done` on `client` (channels may be added meanwhile). */
  async #listenAll(client: pg.Client, done: Set<string>): Promise<void> {
    const pending = () => [...this.#channels.keys()].filter((channel) => !done.has(channel));
    for (let channels = pending(); channels.length > 0; channels = pending()) {
      for (const channel of channels) {
        await client.query(`LISTEN ${quoteIdent(channel)}`);
        done.add(channel);
      }
    }
  }

  #dispatch(message: pg.Notification): void {
    for (const fn of this.#channels.get(message.channel) ?? []) {
      try {
        fn(message.payload ?? '');
      } catch (err) {
        this.#options.logger.error(errorInfo(err), 'notification listener threw');
      }
    }
  }

  #announce(ready: boolean): void {
    for (const fn of this.#connectionListeners) {
      try {
        fn(ready);
      } catch (err) {
        this.#options.logger.error(errorInfo(err), 'connection listener threw');
      }
    }
  }

  /** Handles the error or end of `client`: drops it and, if it was the ready one, reconnects. */
  #lost(client: pg.Client, err: unknown): void {
    // Events of a client already replaced or closed are late echoes of a loss handled before.
    if (client !== this.#client) return;
    this.#client = null;
    const wasConnected = this.#listened !== null;
    this.#listened = null;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    // While connecting, the failure surfaces as the rejection of #connect() instead.
    if (this.#closed || !wasConnected) return;
    this.#options.logger.warn(errorInfo(err), 'postgres listener connection lost; reconnecting');
    this.#announce(false);
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer) return;
    const { reconnectInitialMs, reconnectMaxMs } = this.#options;
    const delay = Math.min(reconnectMaxMs, reconnectInitialMs * 2 ** this.#attempt);
    this.#attempt += 1;
    this.#timer = setTimeout(() => this.#reconnect(), delay);
    // A pending reconnect must not keep the process alive on its own.
    this.#timer.unref();
  }

  #reconnect(): void {
    this.#timer = null;
    if (this.#closed) return;
    this.#connect().then(
      () => {
        this.#attempt = 0;
        this.#options.logger.info({}, 'postgres listener reconnected');
        this.#announce(true);
      },
      (err: unknown) => {
        if (this.#closed) return;
        this.#options.logger.warn({ ...errorInfo(err), attempt: this.#attempt }, 'postgres listener reconnect failed');
        this.#scheduleReconnect();
      },
    );
  }
}
