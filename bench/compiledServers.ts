/**
 * The benchmarked servers as compiled JavaScript: livedoc and the peers it is compared with run on
 * plain node, as `npm start` runs livedoc. test/support/serverProcess.ts starts them.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { COMPILED_SERVER_ENTRY } from '../test/support/serverProcess.js';

/** The compiled entries of the benchmarked servers (see {@link compileServers}). */
export const COMPILED_ENTRIES = {
  livedoc: COMPILED_SERVER_ENTRY,
  peer: 'build/bench/peers/envelop-live-query/server.js',
  raw: 'build/bench/peers/raw-broadcast/server.js',
} as const;

/**
 * Compiles the server and the benchmark's peers to build/ (tsconfig.bench.json), so that every
 * benchmarked server runs as compiled JavaScript on plain node: tsx's on-the-fly transform (and the
 * name it gives every closure) is not part of what is measured.
 */
export function compileServers(): void {
  execFileSync(path.join('node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.bench.json'], { stdio: 'inherit' });
}
