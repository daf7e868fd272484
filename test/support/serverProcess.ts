/** Runs server/main.ts (what `npm start` serves) as a child process, for multi-instance tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { withTimeout } from './waitFor.js';

/** A server child process. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** Everything it logged so far. */
  readonly output: () => string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** SIGTERM and wait; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Starts an instance with `env` (PORT defaults to 0) and resolves when it serves. `entry` is the
 * TypeScript source (run through tsx) or the compiled `build/server/main.js` that `npm start` runs.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 30_000,
  entry = 'server/main.ts',
): Promise<ServerProcess> {
  const child = spawn(process.execPath, entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      const check = () => {
        const match = /ws:\/\/[^:]+:(\d+)\/graphql/.exec(output);
        if (match) resolve(Number(match[1]));
      };
      child.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`server exited with ${code} before serving:\n${output}`)));
    }),
    timeoutMs,
    'the server process to serve',
  );
  return {
    child,
    port,
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    output: () => output,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}
