/**
 * A real nginx for tests: Debian's binary, run as the current user in the foreground with its
 * configuration, pid, logs and temp files in a temporary folder, on a free loopback port.
 *
 * nginx is expected at /usr/sbin/nginx (override with `NGINX`). When it is missing, suites skip,
 * unless `REQUIRE_SERVICES=1` (CI), where {@link nginxAvailable} throws so the run fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor, withTimeout } from './waitFor.js';

/** The nginx binary the tests run. */
export const NGINX_BINARY = process.env.NGINX ?? '/usr/sbin/nginx';

/** How many free ports are tried when another process takes the chosen one first. */
const PORT_ATTEMPTS = 5;

/**
 * True when nginx is installed. When it is not: throws if `REQUIRE_SERVICES=1`, else warns with the
 * reason and returns false so the caller can `describe.skipIf(!available)`.
 */
export async function nginxAvailable(): Promise<boolean> {
  try {
    await access(NGINX_BINARY, constants.X_OK);
    return true;
  } catch {
    const reason = `nginx is not installed at ${NGINX_BINARY} (apt-get install nginx, or set NGINX)`;
    if (process.env.REQUIRE_SERVICES === '1') throw new Error(`${reason} (REQUIRE_SERVICES=1)`);
    console.warn(`Skipping nginx tests: ${reason}. Set REQUIRE_SERVICES=1 to fail instead.`);
    return false;
  }
}

/** A running nginx. */
export interface NginxProcess {
  readonly port: number;
  /** `http://127.0.0.1:<port>`: what a browser served through the proxy has as its origin. */
  readonly origin: string;
  /** `<origin>/graphql` over HTTP. */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:<port>/graphql`. */
  readonly wsUrl: string;
  /** Its error log so far. */
  errorLog(): Promise<string>;
  /** Fast shutdown (SIGTERM), SIGKILL to its process group after `graceMs`; removes its folder. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts nginx with the configuration `configFor(port, dir)` returns, for a free loopback port and
 * its temporary folder (for temp paths and logs). Resolves once `GET /healthz` through it answers 200;
 * picks another port when the chosen one was taken meanwhile. Rejects with nginx's error log when it
 * exits first or does not answer within `timeoutMs`.
 */
export async function startNginx(
  configFor: (port: number, dir: string) => string,
  timeoutMs = 15_000,
): Promise<NginxProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'livedoc-nginx-'));
  const errorLog = () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = await launch(dir, configFor(port, dir));
      const origin = `http://127.0.0.1:${port}`;
      const failure = await untilServing(child, `${origin}/healthz`, timeoutMs);
      if (failure === undefined) {
        return {
          port,
          origin,
          httpUrl: `${origin}/graphql`,
          wsUrl: `ws://127.0.0.1:${port}/graphql`,
          errorLog,
          stop: async (graceMs = 5_000) => {
            await stopProcess(child, graceMs);
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      await stopProcess(child, 0);
      const log = await errorLog();
      if (/Address already in use/.test(log) && attempt < PORT_ATTEMPTS) continue;
      throw new Error(`nginx did not serve on port ${port}: ${failure}\n${log}`);
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A loopback port that was free a moment ago (nginx cannot listen on port 0 and say which it got). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Writes the configuration and starts nginx in the foreground, in its own process group. */
async function launch(dir: string, config: string): Promise<ChildProcess> {
  const configPath = path.join(dir, 'nginx.conf');
  const errorLogPath = path.join(dir, 'error.log');
  await writeFile(configPath, config);
  const globals = `daemon off; pid ${path.join(dir, 'nginx.pid')}; error_log ${errorLogPath} info;`;
  return spawn(NGINX_BINARY, ['-p', `${dir}/`, '-c', configPath, '-e', errorLogPath, '-g', globals], {
    detached: true, // its own group: a master killed hard takes its workers with it (see stopProcess)
    stdio: 'ignore',
  });
}

/** Undefined once `url` answers 200, else why not: nginx exited, or time ran out. */
async function untilServing(child: ChildProcess, url: string, timeoutMs: number): Promise<string | undefined> {
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`nginx exited with ${code ?? signal ?? 'unknown'}`));
    child.once('error', (error) => resolve(`nginx did not start: ${error.message}`));
  });
  const serving = waitFor(
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) return 'exited';
      const status = await fetch(url).then((response) => response.status, () => 0);
      return status === 200 ? 'serving' : undefined;
    },
    timeoutMs,
    `nginx to answer ${url}`,
  ).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  const outcome = await Promise.race([serving, exited]);
  return outcome === 'serving' ? undefined : outcome === 'exited' ? await exited : outcome;
}

/** SIGTERM to the master (it stops its workers), SIGKILL to the whole group after `graceMs`. */
async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  try {
    await withTimeout(exited, Math.max(graceMs, 1), 'nginx to stop');
  } catch {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    await exited;
  }
}
