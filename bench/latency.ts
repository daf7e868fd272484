/**
 * Mutation → patch latency against a server child process (embedded PGlite): 1 and 100 watchers of
 * one document, a writer sending title updates over HTTP.
 *
 *   npm run bench:latency            # writes bench/results/latency.json
 *   npm run bench:latency -- --quick # fewer writes
 */
import { writeFile } from 'node:fs/promises';
import { measureLatency } from './liveLatency.js';
import { startServerProcess } from '../test/support/serverProcess.js';
import { COMPILED_ENTRIES, compileServers } from './compiledServers.js';
import { LOAD_GENERATOR_LIMITS } from './loadGeneratorLimits.js';

const quick = process.argv.includes('--quick');
compileServers();
const results = [];
for (const watchers of [1, 100]) {
  const server = await startServerProcess({ SEED: 'false', NODE_ENV: 'production', ...LOAD_GENERATOR_LIMITS }, undefined, {
    entry: COMPILED_ENTRIES.livedoc,
    stderr: 'inherit',
  });
  try {
    const result = await measureLatency({
      writeUrl: server.httpUrl,
      watchUrl: server.wsUrl,
      watchers,
      writes: quick ? 30 : 200,
      spacingMs: 20,
    });
    console.log(
      `${String(watchers).padStart(4)} clients: p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  ` +
        `(${result.delivered}/${result.expected} patches, subscribe all ${result.subscribeAllMs} ms)`,
    );
    results.push(result);
  } finally {
    await server.stop(20_000);
  }
}
const report = { command: `npm run bench:latency${quick ? ' -- --quick' : ''}`, date: new Date().toISOString(), node: process.version, results };
await writeFile(new URL('./results/latency.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
