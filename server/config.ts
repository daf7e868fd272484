/** Server configuration from the environment, validated where it enters. */
import path from 'node:path';
import { readInteger } from './runtime/envInteger.js';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './graphql/requestLimits.js';
import { readAuthConfig, type AuthConfig } from './graphql/auth/authConfig.js';
import { readResumeConfig } from './app/resumeConfig.js';
import type { LiveResumeOptions } from './live/liveQueryEngine.js';
import { readOperators } from './metrics/operatorsConfig.js';
import { DEFAULT_SLOW_CLIENT_TIMEOUT_MS, DEFAULT_SLOW_CLIENT_WATERMARK_BYTES, type SlowClientOptions } from './transport/slowClients.js';

/** Everything the server reads from its environment. */
export interface Config {
  port: number;
  host: string;
  /** PGlite data folder (embedded default). */
  dataDir: string;
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl: string | undefined;
  /** Production mode: unexpected errors are masked, logs are JSON. */
  production: boolean;
  logLevel: string;
  /** Seed sample data into an empty database. */
  seed: boolean;
  /** WebSocket ping interval; a socket silent for a whole interval after a ping is dropped. */
  keepAliveMs: number;
  /** Redis connection string for the Redis bus. */
  redisUrl: string | undefined;
  /** The Redis bus's pub/sub channel (REDIS_CHANNEL): deployments sharing one Redis use different ones. */
  redisChannel: string | undefined;
  /**
   * Whether this instance's writes carry their committed records over the Redis bus (BUS_RECORDS,
   * default true); false sends keys alone, and every instance reads the changed objects back.
   */
  busRecords: boolean;
  /** The invalidation bus; undefined: Redis with REDIS_URL, else Postgres with DATABASE_URL, else in-process. */
  bus: 'in-process' | 'postgres' | 'redis' | undefined;
  /** Request sizes, cost, origins, GraphiQL, introspection and per-client limits (docs/protocol.md, "Limits"). */
  limits: ServerLimits;
  /** How viewers' tokens are verified (AUTH_SECRET, AUTH_JWKS_URL, DEV_TOKEN_TTL). */
  auth: AuthConfig;
  /** `Authorization: Bearer` token required for `/metrics` (METRICS_TOKEN). */
  metricsToken: string | undefined;
  /** Serve `/metrics` on this port instead of the main one (METRICS_PORT). */
  metricsPort: number | undefined;
  /** Viewer ids that may read `serverStatus` in production (OPERATORS). */
  operators: readonly string[];
  /** Unsent bytes over which a connection's live queries pause (SLOW_CLIENT_WATERMARK_BYTES), and how long it may stay paused (SLOW_CLIENT_TIMEOUT_MS). */
  slowClients: SlowClientOptions;
  /** Resume tokens' secret (RESUME_SECRET) and each group's patch log bounds (RESUME_LOG_ENTRIES, RESUME_LOG_BYTES). */
  resume: LiveResumeOptions;
}

/** Every limit of a server: request limits (sizes, cost) and client limits. */
export type ServerLimits = RequestLimits & ClientLimitsConfig;

/** Origins, opt-in developer surfaces and per-client limits, each from its own variable. */
export interface ClientLimitsConfig {
  /** Cross-origin browsers allowed (ALLOWED_ORIGINS); undefined: the default of the mode. */
  allowedOrigins: readonly string[] | undefined;
  /** GraphiQL at GET /graphql (GRAPHIQL). */
  graphiql: boolean;
  /** `__schema` / `__type` queries (INTROSPECTION). */
  introspection: boolean;
  /** Live queries one socket may hold (MAX_LIVE_PER_SOCKET). */
  maxLivePerSocket: number;
  /** Largest WebSocket message (MAX_MESSAGE_BYTES). */
  maxMessageBytes: number;
  /** Sockets per viewer, or per address for anonymous ones (MAX_SOCKETS_PER_VIEWER). */
  maxSocketsPerViewer: number;
  /** Mutation fields per second per viewer or address (MUTATION_RATE). */
  mutationRate: number;
  /** Mutation fields allowed at once above the rate (MUTATION_BURST). */
  mutationBurst: number;
}

/** Reads the configuration; throws with a message naming the variable, what was expected and what arrived. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    port: readPort(env.PORT),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    production,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    seed: env.SEED !== 'false',
    keepAliveMs: readKeepAlive(env.KEEPALIVE_MS),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisChannel: readRedisChannel(env.REDIS_CHANNEL),
    busRecords: readBoolean('BUS_RECORDS', env.BUS_RECORDS, true),
    bus: readBus(env.BUS),
    limits: {
      maxBodyBytes: readPositive('MAX_BODY_BYTES', env.MAX_BODY_BYTES, DEFAULT_REQUEST_LIMITS.maxBodyBytes),
      maxQueryBytes: readPositive('MAX_QUERY_BYTES', env.MAX_QUERY_BYTES, DEFAULT_REQUEST_LIMITS.maxQueryBytes),
      maxCost: readPositive('MAX_COST', env.MAX_COST, DEFAULT_REQUEST_LIMITS.maxCost),
      maxResultBytes: readPositive('MAX_RESULT_BYTES', env.MAX_RESULT_BYTES, DEFAULT_REQUEST_LIMITS.maxResultBytes),
      ...readClientLimits(env, production),
    },
    auth: readAuthConfig(env, production),
    resume: readResumeConfig(env),
    ...readMetricsConfig(env),
    operators: readOperators(env.OPERATORS),
    slowClients: {
      watermarkBytes: readInteger('SLOW_CLIENT_WATERMARK_BYTES', env.SLOW_CLIENT_WATERMARK_BYTES, DEFAULT_SLOW_CLIENT_WATERMARK_BYTES, 1024, 4 * 1024 * 1024),
      timeoutMs: readInteger('SLOW_CLIENT_TIMEOUT_MS', env.SLOW_CLIENT_TIMEOUT_MS, DEFAULT_SLOW_CLIENT_TIMEOUT_MS, 1_000, 3_600_000),
    },
  };
}

/** METRICS_TOKEN (at least 16 characters, no white space) and METRICS_PORT (1–65535, not PORT). */
function readMetricsConfig(env: NodeJS.ProcessEnv): Pick<Config, 'metricsToken' | 'metricsPort'> {
  const token = env.METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && (token.length < 16 || /\s/.test(token))) {
    throw new Error(`METRICS_TOKEN expects at least 16 characters without white space, but got ${token.length} characters.`);
  }
  const port = env.METRICS_PORT?.trim() ? readInteger('METRICS_PORT', env.METRICS_PORT, 0, 1, 65535) : undefined;
  if (port !== undefined && port === readPort(env.PORT)) {
    throw new Error(`METRICS_PORT expects a port other than PORT (${port}), but got the same.`);
  }
  return { metricsToken: token, metricsPort: port };
}

/** A positive integer variable, or `fallback` when unset or empty. */
function readPositive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new Error(`${name} expects a positive integer, but got ${JSON.stringify(value)}.`);
  }
  return number;
}

/** Reads {@link ClientLimitsConfig}; development opens GraphiQL and introspection by default. */
export function readClientLimits(env: NodeJS.ProcessEnv, production: boolean): ClientLimitsConfig {
  return {
    allowedOrigins: readOrigins(env.ALLOWED_ORIGINS),
    graphiql: readBoolean('GRAPHIQL', env.GRAPHIQL, !production),
    introspection: readBoolean('INTROSPECTION', env.INTROSPECTION, !production),
    maxLivePerSocket: readInteger('MAX_LIVE_PER_SOCKET', env.MAX_LIVE_PER_SOCKET, 200, 1, 100_000),
    maxMessageBytes: readInteger('MAX_MESSAGE_BYTES', env.MAX_MESSAGE_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxSocketsPerViewer: readInteger('MAX_SOCKETS_PER_VIEWER', env.MAX_SOCKETS_PER_VIEWER, 50, 1, 100_000),
    mutationRate: readInteger('MUTATION_RATE', env.MUTATION_RATE, 50, 1, 1_000_000),
    mutationBurst: readInteger('MUTATION_BURST', env.MUTATION_BURST, 200, 1, 1_000_000),
  };
}

/** Comma-separated origins, each exactly `scheme://host[:port]` (http or https, no path). */
function readOrigins(value: string | undefined): readonly string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return value.split(',').map((item) => {
    const origin = item.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.origin !== origin) {
      throw new Error(
        `ALLOWED_ORIGINS expects comma-separated origins like https://app.example.com (scheme, host, optional port; no path or trailing slash), but got ${JSON.stringify(origin)}.`,
      );
    }
    return origin;
  });
}

function readBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  const trimmed = value?.trim().toLowerCase();
  if (!trimmed) return fallback;
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  throw new Error(`${name} expects true or false, but got ${JSON.stringify(value)}.`);
}

function readBus(value: string | undefined): Config['bus'] {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (trimmed === 'in-process' || trimmed === 'postgres' || trimmed === 'redis') return trimmed;
  throw new Error(`BUS expects one of in-process, postgres, redis, but got ${JSON.stringify(value)}.`);
}

function readRedisChannel(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (trimmed.length > 200 || /\s/.test(trimmed)) {
    throw new Error(`REDIS_CHANNEL expects at most 200 characters without white space, but got ${JSON.stringify(value)}.`);
  }
  return trimmed;
}

function readPort(value: string | undefined): number {
  return readInteger('PORT', value, 4000, 0, 65535);
}

function readKeepAlive(value: string | undefined): number {
  return readInteger('KEEPALIVE_MS', value, 30_000, 1_000, 600_000, 'milliseconds');
}
