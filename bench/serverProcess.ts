/** Runs `npm start`'s server (server/main.ts), or another server entry, as a child process on a free port, for benchmarks. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The node arguments that run `entry` with `extra` flags: through tsx when it is TypeScript. */
export function nodeArgsFor(entry: string, extra: readonly string[] = []): string[] {
  return entry.endsWith('.ts') ? [...extra, '--import', 'tsx', entry] : [...extra, entry];
}

/** The compiled entries of the benchmarked servers (see {@link compileServers}). */
export const COMPILED_ENTRIES = {
  livedoc: 'build/server/main.js',
  peer: 'build/bench/peers/envelop-live-query/server.js',
  raw: 'build/bench/peers/raw-broadcast/server.js',
} as const;

/**
 * Compiles the server and the benchmark's peers to build/ (tsconfig.bench.json), so that every
 * benchmarked server runs as compiled JavaScript on plain node, as `npm start` runs livedoc: tsx's
 * on-the-fly transform (and the name it gives every closure) is not part of what is measured.
 */
export function compileServers(): void {
  execFileSync(path.join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.bench.json'], { stdio: 'inherit' });
}

/** A server child process. */
export interface ServerProcess {
  child: ChildProcess;
  /** The server's own pid (the wrapper, e.g. taskset, execs node in place). */
  pid: number;
  httpUrl: string;
  wsUrl: string;
  /** The last lines the server wrote to stderr (when `stderr: 'capture'`). */
  stderrTail(): string;
  /** The inspector's WebSocket URL, when started with `--inspect` and `stderr: 'capture'`. */
  inspectorUrl(): string | undefined;
  stop(): Promise<void>;
}

/** How to launch the server beyond its environment. */
export interface ServerProcessOptions {
  /**
   * The entry, relative to the working directory; default server/main.ts. A `.ts` entry runs through
   * tsx, a `.js` one (compiled by {@link compileServers}) runs on plain node, as `npm start` does.
   */
  entry?: string;
  /** A command the node process is started through, e.g. `['taskset', '-c', '0']`. */
  wrapper?: string[];
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Pass stderr through (default) or keep its tail for error messages. */
  stderr?: 'inherit' | 'capture';
}

/**
 * Starts `options.entry` (server/main.ts) with PORT=0 and a fresh PGlite folder (or `env.DATABASE_URL`);
 * resolves when it prints its `ws://host:port/graphql` URL.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-bench-'));
  const nodeArgs = nodeArgsFor(options.entry ?? 'server/main.ts', options.nodeArgs);
  const [command, ...args] = [...(options.wrapper ?? []), process.execPath, ...nodeArgs];
  const child = spawn(command!, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', options.stderr === 'capture' ? 'pipe' : 'inherit'],
  });
  let stderr = '';
  let inspectorUrl: string | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
    inspectorUrl ??= /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
  });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}${stderr}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ws:\/\/[^:]+:(\d+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}${stderr}`));
    });
  });
  child.stdout!.resume();
  return {
    child,
    pid: child.pid!,
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    stderrTail: () => stderr,
    inspectorUrl: () => inspectorUrl,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
