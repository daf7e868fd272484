/**
 * CPU pinning with taskset: servers on core 0, the load generator (and the harness) on core 1, so
 * the measured server never competes with the clients measuring it. Without taskset, or with a
 * single core, everything runs unpinned and the report says so.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** The pinning in force for a run. */
export interface Pinning {
  enabled: boolean;
  /** Why pinning is off, or what it does. */
  description: string;
  /** Wrapper for a server command, e.g. `['taskset', '-c', '0']` (empty when disabled). */
  serverWrapper: string[];
  /** Wrapper for the load generator command. */
  generatorWrapper: string[];
}

/** Decides the pinning and pins the current process to the generator's core. */
export function setUpPinning(): Pinning {
  const cores = os.availableParallelism();
  let taskset = false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    taskset = true;
  } catch {
    taskset = false;
  }
  if (!taskset) return disabled('taskset is missing: servers and load generator run unpinned');
  if (cores < 2) return disabled(`only ${cores} core: servers and load generator run unpinned`);
  try {
    execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return disabled('taskset could not pin the harness: servers and load generator run unpinned');
  }
  return {
    enabled: true,
    description: 'server: taskset -c 0; load generator and harness: taskset -c 1',
    serverWrapper: ['taskset', '-c', '0'],
    generatorWrapper: ['taskset', '-c', '1'],
  };
}

function disabled(description: string): Pinning {
  return { enabled: false, description, serverWrapper: [], generatorWrapper: [] };
}
