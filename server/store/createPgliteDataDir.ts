/**
 * Creates a new PGlite data directory — initdb, the migrations and the sample data — in a child
 * process. PGlite runs initdb in two WebAssembly instances of its own (initdb and a bootstrap
 * postgres), and a first migration touches much of the database's memory; WebAssembly memory never
 * shrinks, and what the closed instances held comes back late if ever (the C heap keeps it). The first
 * start held ~650 MB more than later ones for as long as it ran. A child process gives all of it back
 * when it exits; the server then opens an existing, migrated directory like on every later start.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../runtime/projectRoot.js';

/** How much of the child's output an error quotes. */
const OUTPUT_TAIL_CHARS = 4_000;

/** What the child did: the migrations applied and whether it inserted the sample data. */
export interface CreatedDataDir {
  applied: string[];
  seeded: boolean;
}

/** Whether `dataDir` already holds a database (PGlite's own test before it runs initdb). */
export function hasPgliteDatabase(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** The child's entry next to this module: the compiled one on node, the source through tsx. */
function childCommand(): string[] {
  const self = fileURLToPath(import.meta.url);
  const extension = path.extname(self);
  const entry = path.join(path.dirname(self), `createPgliteDataDirChild${extension}`);
  return extension === '.ts' ? ['--import', 'tsx', entry] : [entry];
}

/**
 * Creates the database in `dataDir` (an empty folder) in a child node process: initdb, the
 * migrations, and the sample data when `seed`. Rejects with the child's output when it fails.
 */
export async function createPgliteDataDir(dataDir: string, seed: boolean): Promise<CreatedDataDir> {
  const child = spawn(process.execPath, [...childCommand(), dataDir, seed ? 'seed' : 'no-seed'], {
    cwd: projectRoot, // where `--import tsx` is found
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  });
  const code = await new Promise<number | string>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolve(exitCode ?? signal ?? 'unknown'));
  });
  const result = code === 0 && hasPgliteDatabase(dataDir) ? parseResult(stdout) : undefined;
  if (!result) throw new Error(`creating the PGlite database in ${dataDir} failed (exit ${code}): ${output.trim()}`);
  return result;
}

/** The child's last line: `{"applied":[…],"seeded":true|false}`; undefined for anything else. */
function parseResult(stdout: string): CreatedDataDir | undefined {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { applied, seeded } = value as Record<string, unknown>;
    if (!Array.isArray(applied) || !applied.every((name) => typeof name === 'string') || typeof seeded !== 'boolean') return undefined;
    return { applied, seeded };
  } catch {
    return undefined;
  }
}
