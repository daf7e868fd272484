/**
 * The soak's settings, from `npm run soak -- --duration=10m --clients=1000 --instances=2 --slow=5`,
 * validated where they enter: an unknown flag or a bad value throws saying what was expected.
 */

/** What one soak run does. */
export interface SoakOptions {
  /** How long writes, disconnects and slow readers run (after every client got its first results). */
  durationMs: number;
  /** Clients of the real client library, spread over the instances. */
  clients: number;
  /** Server instances (child processes) on one PostgreSQL and the Redis bus. */
  instances: number;
  /** Raw `ws` slow readers whose TCP socket is paused now and then. */
  slow: number;
  /** Acknowledged-or-refused writes per second, at most. */
  writesPerSecond: number;
  /** Share of the clients on GraphQL over SSE instead of graphql-ws (0–1). */
  sseShare: number;
  /** Clients dropped per second by the disruptor. */
  disconnectsPerSecond: number;
  /** Restart one instance (the last) mid-run. */
  restart: boolean;
}

/** The defaults of `npm run soak`. */
export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  durationMs: 10 * 60_000,
  clients: 1_000,
  instances: 2,
  slow: 5,
  writesPerSecond: 10,
  sseShare: 0.05,
  disconnectsPerSecond: 2,
  restart: true,
};

/** The shortest run: warm-up, a restart and the restarted instance's own warm-up must fit in it. */
export const MIN_DURATION_MS = 30_000;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** `90s`, `3m`, `1.5h`, `500ms`, or plain seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new Error(`--duration expects a number with an optional unit (ms, s, m, h), e.g. 10m, but got ${JSON.stringify(text)}.`);
  const ms = Math.round(Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1_000));
  if (ms < MIN_DURATION_MS || ms > 24 * 3_600_000) {
    throw new Error(`--duration expects between 30s and 24h, but got ${JSON.stringify(text)}.`);
  }
  return ms;
}

function parseNumber(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a number';
    throw new Error(`--${flag} expects ${kind} from ${min} to ${max}, but got ${JSON.stringify(text)}.`);
  }
  return value;
}

/** Reads `--name=value` flags over {@link DEFAULT_SOAK_OPTIONS}. */
export function parseSoakArgs(args: readonly string[]): SoakOptions {
  const options = { ...DEFAULT_SOAK_OPTIONS };
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const [, flag = '', value = ''] = match ?? [];
    switch (match ? flag : '') {
      case 'duration':
        options.durationMs = parseDuration(value);
        break;
      case 'clients':
        options.clients = parseNumber(flag, value, 1, 20_000, true);
        break;
      case 'instances':
        options.instances = parseNumber(flag, value, 1, 8, true);
        break;
      case 'slow':
        options.slow = parseNumber(flag, value, 0, 100, true);
        break;
      case 'writes':
        options.writesPerSecond = parseNumber(flag, value, 0.1, 500, false);
        break;
      case 'sse':
        options.sseShare = parseNumber(flag, value, 0, 1, false);
        break;
      case 'disconnects':
        options.disconnectsPerSecond = parseNumber(flag, value, 0, 100, false);
        break;
      case 'no-restart':
        options.restart = false;
        break;
      default:
        throw new Error(
          `Expected --duration=<10m>, --clients=<n>, --instances=<n>, --slow=<n>, --writes=<per second>, --sse=<share 0-1>, ` +
            `--disconnects=<per second> or --no-restart, but got ${JSON.stringify(arg)}.`,
        );
    }
  }
  return options;
}
