/**
 * Runs a server entry as a child process on a free port: server/main.ts (what `npm start` serves,
 * through tsx) or compiled JavaScript on plain node, optionally behind a wrapper such as `taskset`.
 * Used by the multi-instance tests and by the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TEST_AUTH_SECRET } from './auth.js';
import { withTimeout } from './waitFor.js';

/** The server compiled by `tsc -p tsconfig.build.json` (or tsconfig.bench.json), as `npm start` runs it. */
export const COMPILED_SERVER_ENTRY = 'build/server/main.js';

/** How much of the server's output {@link ServerProcess.output} keeps. */
const OUTPUT_TAIL_CHARS = 64_000;

/** The node arguments that run `entry` with `extra` flags: through tsx when it is TypeScript. */
export function nodeArgsFor(entry: string, extra: readonly string[] = []): string[] {
  return entry.endsWith('.ts') ? [...extra, '--import', 'tsx', entry] : [...extra, entry];
}

/** How to launch the server beyond its environment. */
export interface ServerProcessOptions {
  /**
   * The entry, relative to the working directory; default server/main.ts. A `.ts` entry runs through
   * tsx, a `.js` one (e.g. {@link COMPILED_SERVER_ENTRY}) on plain node.
   */
  entry?: string;
  /** A command the node process is started through, e.g. `['taskset', '-c', '0']`; it must exec node in place. */
  wrapper?: readonly string[];
  /** Extra node flags, e.g. `--inspect=127.0.0.1:0` or `--cpu-prof`. */
  nodeArgs?: readonly string[];
  /** Keep stderr in {@link ServerProcess.output} (default) or pass it through to ours. */
  stderr?: 'capture' | 'inherit';
}

/** A server child process. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** The server's own pid (a wrapper such as taskset execs node in place). */
  readonly pid: number;
  readonly port: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** The last 64,000 characters it wrote (stdout, and stderr unless passed through). */
  output(): string;
  /** The inspector's WebSocket URL, when started with `--inspect` and stderr captured. */
  inspectorUrl(): string | undefined;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /**
   * SIGTERM and wait, SIGKILL after `graceMs` (default 10 s); then removes the temporary data folder.
   * Resolves with the exit code (or signal name).
   */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Starts an instance with `env` over these defaults: PORT=0, HOST=127.0.0.1, LOG_LEVEL=info, SEED=false,
 * AUTH_SECRET the tests' (so NODE_ENV=production starts) and DATA_DIR a fresh temporary folder (PGlite's, unless `env.DATABASE_URL`). Resolves when it
 * prints its `ws://host:port/graphql` URL; rejects (and kills it) when it exits first or takes
 * longer than `timeoutMs`.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ? undefined : await mkdtemp(path.join(os.tmpdir(), 'livedoc-server-'));
  const [command = process.execPath, ...args] = [
    ...(options.wrapper ?? []),
    process.execPath,
    ...nodeArgsFor(options.entry ?? 'server/main.ts', options.nodeArgs),
  ];
  const child = spawn(command, args, {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SEED: 'false',
      AUTH_SECRET: TEST_AUTH_SECRET,
      ...(dataDir && { DATA_DIR: dataDir }),
      ...env,
    },
    stdio: ['ignore', 'pipe', options.stderr === 'inherit' ? 'inherit' : 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const logs = captureOutput(child, exited);
  const stop = async (graceMs = 10_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    return exited;
  };

  let port: number;
  try {
    port = await withTimeout(logs.port, timeoutMs, 'the server process to serve');
  } catch (error) {
    await stop(0);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs.output()}`, { cause: error });
  }
  return {
    child,
    pid: child.pid!, // defined: the process has printed its URL
    port,
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    output: logs.output,
    inspectorUrl: logs.inspectorUrl,
    exited,
    stop,
  };
}

/** What a child process wrote, and what it announced there. */
interface CapturedOutput {
  /** Resolves with the port of the printed GraphQL URL; rejects when the process exits first. */
  readonly port: Promise<number>;
  /** The tail of the output so far. */
  readonly output: () => string;
  /** The inspector's URL once the process printed it. */
  readonly inspectorUrl: () => string | undefined;
}

/** Keeps the tail of the child's stdout and captured stderr, and watches them for its URLs. */
function captureOutput(child: ChildProcess, exited: Promise<number | string>): CapturedOutput {
  let output = '';
  let inspectorUrl: string | undefined;
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stderr?.on('data', (chunk: Buffer) => {
    append(chunk);
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  });
  const port = new Promise<number>((resolve, reject) => {
    let served = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      append(chunk);
      if (served) return;
      const match = /ws:\/\/[^:]+:(\d+)\/graphql/.exec(output);
      if (!match) return;
      served = true;
      resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`the server exited with ${code} before serving`)));
  });
  // startServerProcess reports a rejection while it waits; after a timeout nobody waits any more.
  port.catch(() => {});
  return { port, output: () => output, inspectorUrl: () => inspectorUrl };
}
