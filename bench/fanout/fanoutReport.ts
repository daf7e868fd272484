/** The content of bench/results/fanout.json. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { checkTargets, compare, type Comparison, type TargetCheck } from './report.js';
import type { ServerPlacement } from './runSession.js';
import type { ScenarioResult } from './types.js';
import { compareSse } from './sseReport.js';
import type { TwinComparison } from './twinReport.js';
import { compareViewers } from './viewerReport.js';

/** The machine a run measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  /** The soft limit of open files (each process holds one fd per socket: up to 5,000 here). */
  maxOpenFiles: number | null;
}

/** What every benchmark report says of its run: how it was started, when, for how long, on what. */
export interface RunHeader {
  command: string;
  date: string;
  quick: boolean;
  durationS: number;
  node: string;
  machine: MachineInfo;
  pinning: string;
  /** The commit measured, and how many files under server/ and schema/ differed from it. */
  source: SourceRevision;
}

/** The {@link RunHeader} of a run that began at `startedAt` (performance.now()) and ends now. */
export function endOfRun(run: Pick<RunHeader, 'command' | 'quick' | 'machine' | 'pinning' | 'source'> & { startedAt: number }): RunHeader {
  return {
    command: run.command,
    date: new Date().toISOString(),
    quick: run.quick,
    durationS: Math.round((performance.now() - run.startedAt) / 100) / 10,
    node: process.version,
    machine: { ...run.machine, loadAverageEnd: loadAverage() },
    pinning: run.pinning,
    source: run.source,
  };
}

/** Everything a run measured, with its context. */
export interface FanoutReport extends RunHeader {
  storage: string;
  clockTicksPerSecond: number;
  placements: ServerPlacement[];
  results: ScenarioResult[];
  /** Per scenario and metric: the three values, livedoc/raw and peer/livedoc. */
  comparisons: Comparison[];
  /** livedoc with distinct signed-in viewers beside anonymous watchers (absent in reports from before viewers). */
  viewerComparisons?: TwinComparison[];
  /** livedoc with its watchers over SSE beside the same over graphql-ws (absent in reports from before SSE). */
  sseComparisons?: TwinComparison[];
  targets: TargetCheck[];
  failures: string[];
}

/** Which livedoc source a run measured. */
export interface SourceRevision {
  commit: string;
  uncommittedServerFiles: number;
}

/** The current commit and the number of uncommitted files under server/ and schema/. */
export function sourceRevision(): SourceRevision {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'server', 'schema'], { encoding: 'utf8' });
    return { commit, uncommittedServerFiles: status.split('\n').filter(Boolean).length };
  } catch {
    return { commit: 'unknown', uncommittedServerFiles: 0 };
  }
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** Captures the machine facts at the start of a run. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    loadAverageStart: loadAverage(),
    loadAverageEnd: [],
    maxOpenFiles: maxOpenFiles(),
  };
}

/** The soft `ulimit -n` of this process (children inherit it), from /proc/self/limits. */
function maxOpenFiles(): number | null {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Recomputes the comparisons and target checks of a stored report (after changing how they are computed). */
export function recompute(report: FanoutReport): FanoutReport {
  return { ...report, ...comparisonsOf(report.results) };
}

/** Assembles the report of a finished run. */
export function buildReport(init: Omit<FanoutReport, 'comparisons' | 'targets'>): FanoutReport {
  return { ...init, ...comparisonsOf(init.results) };
}

/** Everything a report derives from its results. */
function comparisonsOf(results: ScenarioResult[]): Pick<FanoutReport, 'comparisons' | 'viewerComparisons' | 'sseComparisons' | 'targets'> {
  return { comparisons: compare(results), viewerComparisons: compareViewers(results), sseComparisons: compareSse(results), targets: checkTargets(results) };
}
