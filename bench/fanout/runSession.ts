/**
 * Runs one session: for each server kind in turn, a pinned server child process and a pinned load
 * generator child process running the session's scenarios against it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { nodeArgsFor, startServerProcess } from '../../test/support/serverProcess.js';
import { COMPILED_ENTRIES } from '../compiledServers.js';
import type { Pinning } from './pinning.js';
import { clockTicksPerSecond } from './procStats.js';
import { LOAD_GENERATOR_LIMITS } from '../loadGeneratorLimits.js';
import {
  SERVER_KINDS,
  type GeneratorMessage,
  type GeneratorTask,
  type HarnessMessage,
  type ScenarioResult,
  type ServerKind,
  type Session,
} from './types.js';

/** The entry of each server: compiled JavaScript (bench/fanout.ts compiles it before the run). */
const ENTRIES: Record<ServerKind, string> = COMPILED_ENTRIES;

/** Run-wide settings of the harness. */
export interface RunSettings {
  pinning: Pinning;
  /** PostgreSQL for livedoc; PGlite in a fresh temporary folder when undefined. */
  databaseUrl: string | undefined;
  quick: boolean;
  log(message: string): void;
}

/** Where a server process ran (for the report). */
export interface ServerPlacement {
  session: string;
  server: ServerKind;
  pid: number;
  command: string;
  affinity: string;
}

/** Runs the session on every server kind its scenarios name; resolves with every scenario result. */
export async function runSession(
  session: Session,
  settings: RunSettings,
  placements: ServerPlacement[],
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const server of SERVER_KINDS) {
    const scenarios = session.scenarios.filter((s) => (s.servers ?? SERVER_KINDS).includes(server));
    if (scenarios.length === 0) continue;
    settings.log(`session ${session.name}: starting ${server}`);
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      ...LOAD_GENERATOR_LIMITS,
      ...(server === 'livedoc' && { SEED: 'false', DATABASE_URL: settings.databaseUrl ?? '' }),
    };
    // The inspector serves forced GCs before memory readings and, for --profile, the CPU profile.
    const nodeArgs = ['--inspect=127.0.0.1:0'];
    const process_ = await startServerProcess(env, 120_000, {
      entry: ENTRIES[server],
      wrapper: settings.pinning.serverWrapper,
      nodeArgs,
      stderr: 'capture',
    });
    try {
      placements.push({
        session: session.name,
        server,
        pid: process_.pid,
        command: [...settings.pinning.serverWrapper, 'node', ...nodeArgsFor(ENTRIES[server], nodeArgs)].join(' '),
        affinity: affinityOf(process_.pid),
      });
      const floorMessageBytes: Record<string, number> = {};
      if (server === 'raw') {
        for (const result of results) {
          if (result.server === 'livedoc' && result.messageBytes) floorMessageBytes[result.scenario] = result.messageBytes;
        }
      }
      const task: GeneratorTask = {
        server,
        httpUrl: process_.httpUrl,
        wsUrl: process_.wsUrl,
        serverPid: process_.pid,
        inspectorUrl: process_.inspectorUrl() ?? null,
        clockTicksPerSecond: clockTicksPerSecond(),
        scenarios,
        floorMessageBytes,
        deadlineMs: 15 * 60_000,
        quick: settings.quick,
        cpuProfileDir: server === 'livedoc' ? (session.cpuProfileDir ?? null) : null,
      };
      results.push(...(await runGenerator(task, settings)));
    } catch (error) {
      const tail = process_.output();
      throw new Error(`${server} in session ${session.name}: ${error instanceof Error ? error.message : String(error)}${tail ? `\nserver output:\n${tail}` : ''}`);
    } finally {
      await process_.stop(20_000);
    }
  }
  return results;
}

/** Spawns the load generator (pinned), hands it `task`, and collects its results. */
function runGenerator(task: GeneratorTask, settings: RunSettings): Promise<ScenarioResult[]> {
  const [command, ...args] = [...settings.pinning.generatorWrapper, process.execPath, '--import', 'tsx', 'bench/fanout/loadGenerator.ts'];
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const results: ScenarioResult[] = [];
  return new Promise<ScenarioResult[]>((resolve, reject) => {
    let finished = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load generator exceeded ${task.deadlineMs + 60_000} ms`));
    }, task.deadlineMs + 60_000);
    child.on('message', (message: GeneratorMessage) => {
      if (message.type === 'result') results.push(message.result);
      else if (message.type === 'done') {
        finished = true;
        resolve(results);
      } else {
        finished = true;
        reject(new Error(`load generator failed: ${message.error}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!finished) reject(new Error(`load generator exited with ${code} before finishing`));
    });
    const message: HarnessMessage = { type: 'run', task };
    child.send(message);
  });
}

/** The CPU list `pid` may run on, e.g. "0" (from /proc/<pid>/status). */
function affinityOf(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const cpus = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? '?';
    return `${cpus} (${comm})`;
  } catch {
    return execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' }).trim();
  }
}
