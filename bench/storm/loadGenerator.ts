/**
 * The storm's load generator: a child process of bench/reconnectStorm.ts (pinned to the clients'
 * core) that receives one {@link StormTask} over IPC, runs it (runStorm.ts) and sends back its
 * result. It only talks to 127.0.0.1; every wait in it is bounded by the task's timeouts.
 */
import { runStorm } from './runStorm.js';
import type { GeneratorMessage, HarnessMessage } from './types.js';

function send(message: GeneratorMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('the load generator must run with an IPC channel'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

process.once('message', (message: HarnessMessage) => {
  const { task } = message;
  const started = performance.now();
  const log = (line: string) =>
    console.log(
      `  [${task.stormCase.name}#${task.repeat} ${task.mode} +${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`,
    );
  runStorm(task, log)
    .then((result) => send({ type: 'result', result }))
    .catch((error: unknown) =>
      send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    )
    .finally(() => {
      if (process.connected) process.disconnect();
      // Sockets being torn down must not keep the generator alive.
      setTimeout(() => process.exit(0), 1_000).unref();
    });
});
