/**
 * What the benchmark reads from outside the server: its resident set (/proc/<pid>/status VmRSS),
 * the machine's TCP buffer memory (/proc/net/sockstat, where the bytes a paused reader leaves unread
 * sit before they back up into the server) and the server's own counters (GET /metrics).
 */
import { readFileSync } from 'node:fs';

/** One RSS sample. */
export interface RssSample {
  /** Milliseconds since the sampler started. */
  t: number;
  /** What the run was doing. */
  phase: string;
  rssMiB: number;
  /** Memory of every TCP socket of the machine (the kernel's buffers), MiB. */
  tcpMiB: number | null;
}

const PAGE_BYTES = 4096;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The process's VmRSS in MiB; null once it is gone. */
export function readRssMiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round1(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** The `mem` pages of the TCP line of /proc/net/sockstat, in MiB (null where unavailable). */
export function readTcpMiB(): number | null {
  try {
    const match = /^TCP:.*\bmem (\d+)/m.exec(readFileSync('/proc/net/sockstat', 'utf8'));
    return match ? round1((Number(match[1]) * PAGE_BYTES) / 2 ** 20) : null;
  } catch {
    return null;
  }
}

/** Samples `pid`'s RSS every `intervalMs`, labelling each sample with the current phase. */
export function startRssSampler(pid: number, intervalMs = 200) {
  const started = performance.now();
  const samples: RssSample[] = [];
  let phase = 'start';
  const sample = () => {
    const rssMiB = readRssMiB(pid);
    if (rssMiB !== null) samples.push({ t: Math.round(performance.now() - started), phase, rssMiB, tcpMiB: readTcpMiB() });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    samples,
    /** Labels the following samples (and takes one now). */
    setPhase(next: string) {
      phase = next;
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
    },
  };
}

/** The metrics of a Prometheus text exposition whose labels include `label`, summed by name. */
export function metricValues(exposition: string, label: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const line of exposition.split('\n')) {
    const match = /^(\w+)\{([^}]*)\}\s+(\S+)$/.exec(line);
    if (!match || !match[2]!.includes(label)) continue;
    values[match[1]!] = (values[match[1]!] ?? 0) + Number(match[3]);
  }
  return values;
}

/** `livedoc_websocket_closes_total` by close code, zero counts left out. */
export function closesByCode(exposition: string): Record<string, number> {
  const closes: Record<string, number> = {};
  for (const match of exposition.matchAll(/^livedoc_websocket_closes_total\{code="([^"]+)"\}\s+(\S+)$/gm)) {
    if (Number(match[2]) > 0) closes[match[1]!] = Number(match[2]);
  }
  return closes;
}

/** GETs the server's /metrics (Prometheus text) with its token. */
export async function scrapeMetrics(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /metrics: expected 200, got ${response.status}`);
  return response.text();
}
