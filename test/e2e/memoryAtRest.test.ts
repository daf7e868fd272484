/**
 * Memory at rest: the compiled server on the embedded default (PGlite, a new data directory, the
 * sample data) must idle under {@link IDLE_RSS_BOUND_MB} of resident memory. It held ~830 MB before
 * PGlite's settings and the child-process initdb (server/db/pgliteDb.ts, store/createPgliteDataDir.ts).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/clients.js';
import { COMPILED_SERVER_ENTRY, startServerProcess, type ServerProcess } from '../support/serverProcess.js';

/** The target; measured ~175 MB (first start, new data directory) on Linux x64, Node 20. */
const IDLE_RSS_BOUND_MB = 200;
/** How long the server idles, sampled twice a second: the bound holds for every sample. */
const IDLE_MS = 4_000;

/** The process's resident set in MB, from /proc (Linux). */
async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`expected a VmRSS line in /proc/${pid}/status, got: ${status.slice(0, 200)}`);
  return Number(match[1]) / 1024;
}

describe.runIf(process.platform === 'linux')('memory at rest (embedded PGlite, sample data)', () => {
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    await promisify(execFile)(path.join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json']);
    server = await startServerProcess({ SEED: 'true' }, 90_000, { entry: COMPILED_SERVER_ENTRY });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it(`idles under ${IDLE_RSS_BOUND_MB} MB RSS`, async () => {
    // Serving the seeded data first: the instance is in use, not just started.
    const { body } = await http(server!.httpUrl, '{ document(id: "welcome") { id title } }');
    expect(body.data?.document).toMatchObject({ id: 'welcome' });
    const samples: number[] = [];
    for (let waited = 0; waited <= IDLE_MS; waited += 500) {
      samples.push(await residentMb(server!.pid));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const highest = Math.max(...samples);
    expect(highest, `RSS samples (MB): ${samples.map((mb) => mb.toFixed(0)).join(', ')}`).toBeLessThanOrEqual(IDLE_RSS_BOUND_MB);
  }, 30_000);
});
