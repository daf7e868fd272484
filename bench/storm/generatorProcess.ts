/** Runs one storm in a fresh load generator child process (pinned to the clients' core) and returns its result. */
import { spawn } from 'node:child_process';
import type { Pinning } from '../fanout/pinning.js';
import type { GeneratorMessage, HarnessMessage, StormResult, StormTask } from './types.js';

/** Time the generator may take beyond the task's own timeouts before it is killed. */
const MARGIN_MS = 120_000;

/** Spawns the generator, hands it `task` and resolves with its result; kills it past every timeout. */
export function runGenerator(task: StormTask, pinning: Pinning): Promise<StormResult> {
  const [command, ...args] = [
    ...pinning.generatorWrapper,
    process.execPath,
    // Up to 1,000 dataset results of ~0.5 MB arrive at once in refetch mode.
    '--max-old-space-size=8192',
    '--import',
    'tsx',
    'bench/storm/loadGenerator.ts',
  ];
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const limitMs = task.setupTimeoutMs + task.stormTimeoutMs + task.settleMs + MARGIN_MS;
  return new Promise<StormResult>((resolve, reject) => {
    let result: StormResult | undefined;
    let failure: string | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the load generator exceeded ${limitMs} ms`));
    }, limitMs);
    child.on('message', (message: GeneratorMessage) => {
      if (message.type === 'result') result = message.result;
      else failure = message.error;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else
        reject(
          new Error(
            failure ? `the load generator failed: ${failure}` : `the load generator exited with ${code} and no result`,
          ),
        );
    });
    const message: HarnessMessage = { type: 'run', task };
    child.send(message);
  });
}
