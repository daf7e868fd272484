/** Spawns the watcher processes of `bench/scaleInstances.ts` (watcherProcess.ts) and talks to them. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { WatcherCommand, WatcherReply } from './watcherProcess.js';

/** One watcher process, `count` sockets to one instance. */
export interface WatcherGroup {
  readonly subscribeMs: number;
  /** Waits for the patches of `writes` measured writes (at most `waitMs`) and returns what arrived. */
  finish(writes: number, waitMs: number): Promise<Extract<WatcherReply, { type: 'result' }>>;
  kill(): void;
}

function nextReply(child: ChildProcess): Promise<WatcherReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`a watcher process exited with ${code} before replying`));
    child.once('exit', onExit);
    child.once('message', (message: WatcherReply) => {
      child.off('exit', onExit);
      if (message.type === 'failed') reject(new Error(`a watcher process failed: ${message.error}`));
      else resolve(message);
    });
  });
}

/** Starts a watcher process and resolves once all its sockets have their first result. */
export async function startWatchers(url: string, documentId: string, count: number, warmup: number): Promise<WatcherGroup> {
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', 'bench/instances/watcherProcess.ts'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (command: WatcherCommand) => child.send(command);
  const ready = nextReply(child);
  send({ type: 'start', url, documentId, count, warmup });
  let reply: WatcherReply;
  try {
    reply = await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    subscribeMs: reply.type === 'ready' ? reply.subscribeMs : NaN,
    async finish(writes, waitMs) {
      const result = nextReply(child);
      send({ type: 'finish', writes, waitMs });
      const message = await result;
      if (message.type !== 'result') throw new Error(`a watcher process answered ${message.type} to finish`);
      return message;
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
