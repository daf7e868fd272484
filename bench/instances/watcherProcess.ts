/**
 * A load generator child of `bench/scaleInstances.ts`: opens `count` graphql-ws sockets to one
 * instance, each watching the same document, and measures for every patch the delay from the write
 * being sent (the time is in the title the writer set: `w<i>@<epoch ms>`) to its arrival. Its own
 * process, so that each instance's watchers have a core's share of their own and the per-process file
 * limit is not reached. Talks over IPC: `start` → `ready`, `finish` → `result`.
 */
import { openLiveSocket, type LiveSocket } from '../fanout/liveSocket.js';
import { epochMs } from './epochMs.js';

/** From the harness. */
export type WatcherCommand =
  /** Patches of writes numbered below `warmup` are not measured. */
  | { type: 'start'; url: string; documentId: string; count: number; warmup: number }
  | { type: 'finish'; writes: number; waitMs: number };

/** To the harness. */
export type WatcherReply =
  | { type: 'ready'; subscribeMs: number }
  | { type: 'result'; latencies: number[]; deliveries: number; problems: string[] }
  | { type: 'failed'; error: string };

const QUERY = 'query($id: ID!) @live { document(id: $id) { title } }';
/** Sockets opened at once: a connect storm is not what is measured. */
const OPEN_CONCURRENCY = 200;
const MARKER = /"w(\d+)@(\d+(?:\.\d+)?)"/;


const latencies: number[] = [];
const sockets: LiveSocket[] = [];
let warmup = 0;

function onUpdate(text: string): void {
  const now = epochMs();
  const match = MARKER.exec(text);
  if (match?.[2] && Number(match[1]) >= warmup) latencies.push(now - Number(match[2]));
}

async function start(url: string, documentId: string, count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const socket = await openLiveSocket(url, { onUpdate }, 60_000);
      sockets.push(socket);
      await socket.subscribe('1', QUERY, { id: documentId });
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, count) }, worker));
  return performance.now() - started;
}

async function finish(writes: number, waitMs: number): Promise<WatcherReply> {
  const expected = writes * sockets.length;
  const deadline = performance.now() + waitMs;
  while (latencies.length < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const problems = sockets.flatMap((socket) => socket.problems).slice(0, 20);
  for (const socket of sockets) socket.close();
  return { type: 'result', latencies, deliveries: latencies.length, problems };
}

/** Sends `message`; resolves once it is out, so that a disconnect after it cannot lose it. */
const reply = (message: WatcherReply) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
process.on('message', (command: WatcherCommand) => {
  const run =
    command.type === 'start'
      ? ((warmup = command.warmup), start(command.url, command.documentId, command.count)).then((ms): WatcherReply => ({ type: 'ready', subscribeMs: ms }))
      : finish(command.writes, command.waitMs);
  run.then(
    async (message) => {
      await reply(message);
      if (message.type === 'result') process.disconnect();
    },
    async (error: unknown) => {
      await reply({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.disconnect();
    },
  );
});
