/**
 * How long an instance takes to exit on SIGTERM with one live client that reads, and with one that
 * has stopped reading its TCP socket (found by the soak: a restart took about 30 s). Side by side,
 * each on a fresh database and instance (in-process bus; JIT off so that setup is quick).
 *
 *   npx tsx bench/shutdownPausedReader.ts   → bench/results/shutdown-paused-reader.json
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createTempDatabase } from '../test/support/postgres.js';
import { startServerProcess } from '../test/support/serverProcess.js';
import { idOf, postGraphQL } from './fanout/graphqlHttp.js';
import { openPausableClient } from './slowReader/pausableClient.js';
import { createTokens, WRITER_ID } from './soak/viewers.js';

const authorization = `Bearer ${await createTokens(3_600_000)(WRITER_ID)}`;

/** SIGTERM → exit (ms) with one live client, paused or not, and the close code that client saw. */
async function measure(paused: boolean): Promise<{ client: string; exitMs: number; exitCode: number | string; clientClose: number | null }> {
  const database = await createTempDatabase();
  const server = await startServerProcess({ DATABASE_URL: database.url, BUS: 'in-process', NODE_ENV: 'production', LOG_LEVEL: 'warn', PGOPTIONS: '-c jit=off' });
  try {
    const id = idOf(await postGraphQL(server.httpUrl, 'mutation { createDocument(input: { title: "t" }) { id } }', {}, authorization), 'createDocument');
    const client = await openPausableClient({
      url: server.wsUrl,
      query: 'query($id: ID!) @live { document(id: $id) { title } }',
      variables: { id },
      parse: true,
      connectionPayload: { authorization },
    });
    if (paused) client.pause();
    const started = performance.now();
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const exitMs = Math.round(performance.now() - started);
    const clientClose = client.closeCode() ?? null;
    client.close();
    return { client: paused ? 'not reading (TCP paused)' : 'reading', exitMs, exitCode, clientClose };
  } finally {
    await server.stop();
    await database.drop();
  }
}

const runs = [await measure(false), await measure(true)];
for (const run of runs) console.log(`${run.client}: exit ${run.exitCode} ${run.exitMs} ms after SIGTERM; the client saw close ${run.clientClose ?? 'none yet'}`);
const report = {
  command: 'npx tsx bench/shutdownPausedReader.ts',
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
  runs,
  ratio: Math.round((runs[1]!.exitMs / runs[0]!.exitMs) * 10) / 10,
};
await writeFile(new URL('./results/shutdown-paused-reader.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
