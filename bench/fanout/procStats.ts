/** Reads a process's CPU time and resident memory from Linux /proc (loopback benchmarks only). */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`; 100 when unknown). */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** utime + stime of `pid` in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Run time of every thread of `pid` in nanoseconds, from /proc/<pid>/task/<tid>/schedstat; null when
 * the kernel does not expose schedstat. Threads that ended in between are not counted.
 */
export function schedstatNs(pid: number): number | null {
  try {
    let total = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
      total += Number(text.split(' ')[0]);
    }
    return total;
  } catch {
    return null;
  }
}

/** VmRSS of `pid` in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** The median of `samples` VmRSS readings taken `everyMs` apart (RSS moves with GC; one reading is noisy). */
export async function settledRssBytes(pid: number, samples = 5, everyMs = 200): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, everyMs));
    readings.push(rssBytes(pid));
  }
  readings.sort((a, b) => a - b);
  return readings[Math.floor(readings.length / 2)]!;
}

/** A CPU reading: ticks and, when available, schedstat nanoseconds, plus the wall clock. */
export interface CpuSample {
  ticks: number;
  ns: number | null;
  at: number;
}

/** Takes a {@link CpuSample} of `pid`. */
export function sampleCpu(pid: number): CpuSample {
  return { ticks: cpuTicks(pid), ns: schedstatNs(pid), at: performance.now() };
}
