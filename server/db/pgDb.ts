import pg from 'pg';
import { consoleLogger, quoteIdent, type ConnectionListener, type Db, type Queryable, type StoreLogger } from './db.js';

/** Options of {@link openPgDb}. */
export interface PgDbOptions {
  logger?: StoreLogger;
  /** Maximum pooled connections for queries and transactions (the listener has its own). Default 10. */
  poolSize?: number;
  /** First reconnect delay of the LISTEN connection; doubles per failed attempt. Default 100 ms. */
  reconnectInitialMs?: number;
  /** Upper bound of the reconnect delay. Default 5 s. */
  reconnectMaxMs?: number;
  /** `application_name` of the connections; the listener's gets the suffix `-listener`. Default "livedoc". */
  applicationName?: string;
}

type PayloadListener = (payload: string) => void;

function errorInfo(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { err: err.message } : { err: String(err) };
}

/** Wraps a pool or a checked-out client as a {@link Queryable}. */
function queryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await target.query(sql, [...params]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await target.query(sql);
    },
  };
}

/**
 * Connects to PostgreSQL at `url`: a `pg.Pool` serves queries and transactions, and a dedicated
 * `pg.Client` holds the LISTENs. When that client errors or ends, it is replaced with exponential
 * backoff (100 ms doubling to 5 s by default) and {@link Db.onConnectionChange} reports `false` then
 * `true`, so the consumer can assume it missed notifications. Rejects if the first connection fails.
 */
export async function openPgDb(url: string, options: PgDbOptions = {}): Promise<Db> {
  const logger = options.logger ?? consoleLogger;
  const initialDelay = options.reconnectInitialMs ?? 100;
  const maxDelay = options.reconnectMaxMs ?? 5_000;
  const applicationName = options.applicationName ?? 'livedoc';

  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: applicationName,
    keepAlive: true,
  });
  // An idle pooled connection that dies (e.g. server restart) must not crash the process.
  pool.on('error', (err) => logger.warn(errorInfo(err), 'idle postgres connection failed'));

  const channels = new Map<string, Set<PayloadListener>>();
  const connectionListeners = new Set<ConnectionListener>();
  let listener: pg.Client | null = null;
  /** Channels LISTENed on the current `listener`; null while it is not connected. */
  let listened: Set<string> | null = null;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;

  const announce = (ready: boolean) => {
    for (const fn of connectionListeners) {
      try {
        fn(ready);
      } catch (err) {
        logger.error(errorInfo(err), 'connection listener threw');
      }
    }
  };

  const dispatch = (message: pg.Notification) => {
    for (const fn of channels.get(message.channel) ?? []) {
      try {
        fn(message.payload ?? '');
      } catch (err) {
        logger.error(errorInfo(err), 'notification listener threw');
      }
    }
  };

  /** LISTENs every subscribed channel not yet listened on `client` (channels may be added meanwhile). */
  const listenAll = async (client: pg.Client, done: Set<string>) => {
    for (let pending = [...channels.keys()]; pending.length > 0; pending = [...channels.keys()].filter((c) => !done.has(c))) {
      for (const channel of pending) {
        await client.query(`LISTEN ${quoteIdent(channel)}`);
        done.add(channel);
      }
    }
  };

  const lost = (client: pg.Client, err: unknown) => {
    if (client !== listener) return;
    listener = null;
    const wasConnected = listened !== null;
    listened = null;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    // While connecting, the failure surfaces as the rejection of connectListener() instead.
    if (closed || !wasConnected) return;
    logger.warn(errorInfo(err), 'postgres listener connection lost; reconnecting');
    announce(false);
    scheduleReconnect();
  };

  const connectListener = async () => {
    const client = new pg.Client({
      connectionString: url,
      application_name: `${applicationName}-listener`,
      keepAlive: true,
    });
    listener = client;
    client.on('error', (err) => lost(client, err));
    client.on('end', () => lost(client, new Error('connection ended')));
    client.on('notification', dispatch);
    try {
      await client.connect();
      const done = new Set<string>();
      await listenAll(client, done);
      if (closed || client !== listener) throw new Error('listener replaced while connecting');
      listened = done;
    } catch (err) {
      if (client === listener) listener = null;
      client.removeAllListeners('notification');
      await client.end().catch(() => {});
      throw err;
    }
  };

  const scheduleReconnect = () => {
    if (closed || timer) return;
    const delay = Math.min(maxDelay, initialDelay * 2 ** attempt);
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      if (closed) return;
      connectListener().then(
        () => {
          attempt = 0;
          logger.info({}, 'postgres listener reconnected');
          announce(true);
        },
        (err: unknown) => {
          if (closed) return;
          logger.warn({ ...errorInfo(err), attempt }, 'postgres listener reconnect failed');
          scheduleReconnect();
        },
      );
    }, delay);
    timer.unref();
  };

  try {
    await connectListener();
  } catch (err) {
    closed = true;
    await pool.end().catch(() => {});
    throw err;
  }

  const direct = queryable(pool);

  return {
    kind: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A checked-out client has no error listener of the pool's: without this, a dying connection
      // would emit an unhandled 'error'. The failing query rejects anyway.
      const onError = (err: Error) => logger.warn(errorInfo(err), 'postgres connection failed in a transaction');
      client.on('error', onError);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw err;
      } finally {
        client.removeListener('error', onError);
        // Passing an error destroys the connection instead of returning it to the pool.
        client.release(broken);
      }
    },
    async listen(channel, onPayload) {
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
      }
      set.add(onPayload);
      const client = listener;
      const done = listened;
      if (client && done && !done.has(channel)) {
        try {
          await client.query(`LISTEN ${quoteIdent(channel)}`);
          done.add(channel);
        } catch (err) {
          set.delete(onPayload);
          if (set.size === 0) channels.delete(channel);
          throw err;
        }
      }
      return async () => {
        const current = channels.get(channel);
        if (!current?.delete(onPayload) || current.size > 0) return;
        channels.delete(channel);
        if (listener && listened?.delete(channel)) {
          await listener.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
        }
      };
    },
    onConnectionChange(fn) {
      connectionListeners.add(fn);
      return () => {
        connectionListeners.delete(fn);
      };
    },
    isReady() {
      return !closed && listened !== null;
    },
    close() {
      closing ??= (async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        timer = null;
        const client = listener;
        listener = null;
        listened = null;
        if (client) {
          client.removeAllListeners('notification');
          await client.end().catch(() => {});
        }
        await pool.end();
      })();
      return closing;
    },
  };
}
