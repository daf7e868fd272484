/**
 * Server memory during the soak: every instance's RSS sampled every 2 s for the chart, and readings
 * after warm-up and at the end, per process (a restarted instance's new process gets its own warm-up
 * reading). A reading first forces two full GCs through the inspector — without them RSS follows the
 * heap's saw-tooth between major GCs, tens of MiB, and two readings compare where they fell on it —
 * then takes the median of five RSS readings, and the V8 heap in use.
 */
import { collectGarbage } from '../fanout/inspector.js';
import { rssBytes, settledRssBytes } from '../fanout/procStats.js';
import type { Instance } from './cluster.js';

const SAMPLE_EVERY_MS = 2_000;
const MIB = 1024 * 1024;

/** `[ms since start, instance, process generation, RSS MiB]`. */
export type RssSample = [number, number, number, number];

/** The settled readings of one process. */
export interface ProcessMemory {
  instance: number;
  generation: number;
  /** RSS after warm-up, MiB, and when it was read (ms since start). */
  warmMiB: number | null;
  warmAt: number | null;
  /** RSS at the end, MiB (null for a process that was restarted before the end). */
  endMiB: number | null;
  /** V8 heap in use after the full GCs, MiB, after warm-up and at the end. */
  warmHeapMiB: number | null;
  endHeapMiB: number | null;
  /** (end − warm) / warm, in percent. */
  changePercent: number | null;
}

/** The memory probe. */
export interface MemoryProbe {
  readonly samples: readonly RssSample[];
  /** Reads the settled RSS of `instance`'s current process as its warm-up reading. */
  measureWarm(instance: number): Promise<void>;
  /** Reads every instance's settled RSS as its end reading. */
  measureEnd(): Promise<void>;
  /** One entry per process, in instance and generation order. */
  results(): ProcessMemory[];
  stop(): void;
}

const mib = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;

/** RSS and heap in use after full GCs (heap null without an inspector), MiB. */
async function measure(instance: Instance): Promise<{ rss: number; heap: number | null }> {
  const inspector = instance.inspectorUrl();
  const heap = inspector === undefined ? null : mib(await collectGarbage(inspector));
  return { rss: mib(await settledRssBytes(instance.pid)), heap };
}

/** Starts sampling `instances`. */
export function startMemoryProbe(instances: readonly Instance[], now: () => number): MemoryProbe {
  const samples: RssSample[] = [];
  const processes = new Map<string, ProcessMemory>();
  const entry = (instance: Instance): ProcessMemory => {
    const key = `${instance.index}/${instance.generation}`;
    let found = processes.get(key);
    if (!found) {
      found = {
        instance: instance.index,
        generation: instance.generation,
        warmMiB: null,
        warmAt: null,
        endMiB: null,
        warmHeapMiB: null,
        endHeapMiB: null,
        changePercent: null,
      };
      processes.set(key, found);
    }
    return found;
  };
  const timer = setInterval(() => {
    for (const instance of instances) {
      if (!instance.up) continue;
      try {
        samples.push([Math.round(now()), instance.index, instance.generation, mib(rssBytes(instance.pid))]);
      } catch {
        // The process is between stop and start: no sample.
      }
    }
  }, SAMPLE_EVERY_MS);

  return {
    samples,
    async measureWarm(index) {
      const instance = instances[index]!;
      const reading = await measure(instance);
      Object.assign(entry(instance), { warmMiB: reading.rss, warmHeapMiB: reading.heap, warmAt: Math.round(now()) });
    },
    async measureEnd() {
      for (const instance of instances) {
        const process = entry(instance);
        const reading = await measure(instance);
        process.endMiB = reading.rss;
        process.endHeapMiB = reading.heap;
        if (process.warmMiB !== null) process.changePercent = Math.round(((process.endMiB - process.warmMiB) / process.warmMiB) * 1000) / 10;
      }
    },
    results: () => [...processes.values()].sort((a, b) => a.instance - b.instance || a.generation - b.generation),
    stop: () => clearInterval(timer),
  };
}
