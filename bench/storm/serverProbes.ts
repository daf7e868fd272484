/**
 * Readings of instance B around a storm, from Linux /proc: CPU (as the fan-out benchmark reads it),
 * bytes handed to write()/writev() and resident memory; and the machine's count of connections
 * a full listen queue turned away.
 */
import { readFileSync } from 'node:fs';
import { rssBytes, sampleCpu, type CpuSample } from '../fanout/procStats.js';

/** One reading of a process. */
export interface ServerReading {
  cpu: CpuSample;
  /** `wchar` of /proc/<pid>/io: bytes passed to write-type calls, sockets included; null when unreadable. */
  writtenBytes: number | null;
  rssBytes: number;
  /** TcpExt ListenOverflows of /proc/net/netstat: machine-wide, connections dropped by a full accept queue. */
  listenOverflows: number | null;
}

/** Reads `pid` now. */
export function readServer(pid: number): ServerReading {
  return {
    cpu: sampleCpu(pid),
    writtenBytes: writtenBytes(pid),
    rssBytes: rssBytes(pid),
    listenOverflows: listenOverflows(),
  };
}

function listenOverflows(): number | null {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('TcpExt:'));
    const names = lines[0]?.split(/\s+/) ?? [];
    const values = lines[1]?.split(/\s+/) ?? [];
    const at = names.indexOf('ListenOverflows');
    return at > 0 && values[at] !== undefined ? Number(values[at]) : null;
  } catch {
    return null;
  }
}

function writtenBytes(pid: number): number | null {
  try {
    const match = /^wchar:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** CPU milliseconds between two samples: from schedstat when both have it, else from clock ticks. */
export function cpuMsBetween(from: CpuSample, to: CpuSample, ticksPerSecond: number): number {
  if (from.ns !== null && to.ns !== null) return Math.round((to.ns - from.ns) / 1e5) / 10;
  return Math.round(((to.ticks - from.ticks) * 1000) / ticksPerSecond);
}

/** `to` − `from` of two possibly missing counts. */
export function countBetween(from: number | null, to: number | null): number | null {
  return from === null || to === null ? null : to - from;
}
