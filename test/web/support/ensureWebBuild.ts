/**
 * Builds the web client (`vite build` into web-client/dist) when it is missing or older than its
 * sources. Test files may run in parallel workers: a lock folder makes one build and the rest wait.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = path.join(root, 'web-client/dist');
const lock = path.join(os.tmpdir(), `livedoc-web-build-${Buffer.from(root).toString('base64url').slice(-24)}.lock`);
const BUILD_TIMEOUT_MS = 170_000;

/** Newest modification time (ms) of a file or, recursively, of the files in a folder. */
async function newest(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target);
  const times = await Promise.all(entries.map((entry) => newest(path.join(target, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** True when both pages are built and newer than everything they are built from. */
async function isFresh(): Promise<boolean> {
  const built = await Promise.all(['index.html', 'graphiql.html'].map((name) => stat(path.join(dist, name)).catch(() => undefined)));
  if (built.some((info) => !info)) return false;
  const builtAt = Math.min(...built.map((info) => info!.mtimeMs));
  // The bundle includes the client library and the wire vocabulary it imports.
  const inputs = ['web-client/src', 'client', 'wire', 'web-client/index.html', 'web-client/graphiql.html', 'vite.config.ts', 'package-lock.json'];
  const sources = await Promise.all(inputs.map((p) => newest(path.join(root, p))));
  return builtAt >= Math.max(...sources);
}

async function acquireLock(deadline: number): Promise<boolean> {
  for (;;) {
    try {
      await mkdir(lock);
      return true;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    // Another worker is building. A lock older than a build can take was left by a killed run.
    const info = await stat(lock).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > BUILD_TIMEOUT_MS + 10_000) await rm(lock, { recursive: true, force: true });
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (await isFresh()) return false;
  }
}

/** Resolves once web-client/dist is built and fresh. */
export async function ensureWebBuild(): Promise<void> {
  if (await isFresh()) return;
  const deadline = Date.now() + BUILD_TIMEOUT_MS;
  const locked = await acquireLock(deadline);
  try {
    if (await isFresh()) return;
    if (!locked) throw new Error('Timed out waiting for another test worker to build the web client.');
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      timeout: BUILD_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    if (locked) await rm(lock, { recursive: true, force: true });
  }
}
