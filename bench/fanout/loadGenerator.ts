/**
 * The load generator: a child process of bench/fanout.ts (pinned to its own core) that receives one
 * {@link GeneratorTask} over IPC, runs its scenarios against one server process, and sends back one
 * result per scenario. Every loop is bounded in count and in time; it only talks to 127.0.0.1.
 */
import { markerCount, runScenario } from './scenarioRunners.js';
import { writerFor } from './signIn.js';
import type { GeneratorMessage, GeneratorTask, HarnessMessage } from './types.js';

function send(message: GeneratorMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('the load generator must run with an IPC channel'));
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/** Time one scenario may take at most, on top of which the task's own deadline applies. */
function scenarioBudgetMs(task: GeneratorTask, index: number): number {
  const scenario = task.scenarios[index]!;
  switch (scenario.kind) {
    case 'oneDoc':
      return 120_000 + scenario.updates * scenario.intervalMs * 2;
    case 'ownDoc':
      return 120_000 + scenario.rounds * 10_000;
    case 'dataset':
      return 120_000 + scenario.updates * 5_000;
    case 'idle':
      return 240_000;
    case 'insertHead':
      return 60_000 + scenario.inserts * 5_000;
  }
}

async function runTask(task: GeneratorTask): Promise<void> {
  const taskDeadline = performance.now() + task.deadlineMs;
  let seqBase = 1;
  const writer = await writerFor(task.server);
  for (let i = 0; i < task.scenarios.length; i++) {
    const scenario = task.scenarios[i]!;
    const log = (message: string) => console.log(`  [${task.server} ${scenario.name}] ${message}`);
    const began = performance.now();
    const deadline = Math.min(taskDeadline, began + scenarioBudgetMs(task, i));
    const result = await runScenario(scenario, { task, seqBase, deadline, writer, log });
    seqBase += markerCount(scenario);
    log(
      `${((performance.now() - began) / 1000).toFixed(1)} s: fan-out p50 ${result.fanoutMs.p50} ms, latency p50 ${result.latencyMs.p50} ms, ` +
        `cpu/update ${result.cpu?.perUpdateMs ?? '-'} ms, delivered ${result.delivered}/${result.expectedDeliveries}` +
        (result.errors.length ? `, errors: ${result.errors.join(' | ').slice(0, 300)}` : ''),
    );
    await send({ type: 'result', result });
  }
}

process.once('message', (message: HarnessMessage) => {
  runTask(message.task)
    .then(() => send({ type: 'done' }))
    .catch((error: unknown) => send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
    .finally(() => {
      if (process.connected) process.disconnect();
    });
});
