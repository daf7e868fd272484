/**
 * The status of one server over the last minutes: a timer takes a {@link ServerStatus} snapshot every
 * `intervalMs` into a bounded ring of the last `historySamples`, and tells `onSample` (which
 * invalidates the live `serverStatus` field, so that watchers get the new sample as a patch).
 *
 * It samples from start to close rather than only while someone watches: the history is what an
 * operator opening the page during an incident needs, and a sample costs one pass over the engine's
 * groups. The timer is unref'd: it never keeps a process alive.
 */
import { createSampleRing } from './sampleRing.js';
import type { ServerStatus } from './serverStatus.js';

/** One sample of the history. Times in milliseconds. */
export interface StatusSample {
  /** Sequence number on this instance: stable while the sample stays in the history (a live diff then adds and drops samples). */
  id: string;
  /** When it was taken (ISO 8601). */
  at: string;
  sockets: number;
  streams: number;
  liveQueries: number;
  patchesPerSecond: number;
  deliveryP50Ms: number | null;
  deliveryP99Ms: number | null;
}

/** The figures now, and the history. */
export interface StatusFigures {
  sockets: number;
  streams: number;
  groups: number;
  liveQueries: number;
  patchesPerSecond: number;
  deliveryP50Ms: number | null;
  deliveryP99Ms: number | null;
  uptimeSeconds: number;
  /** When this instance started (ISO 8601). */
  startedAt: string;
  sampleIntervalMs: number;
  /** Oldest first. */
  history: StatusSample[];
}

/** Options of {@link startStatusSampler}. */
export interface StatusSamplerOptions {
  snapshot: () => ServerStatus;
  /** Between samples (positive). */
  intervalMs: number;
  /** How many samples the history keeps (a positive integer). */
  historySamples: number;
  /** Called after each sample is taken. */
  onSample?: () => void;
  /** Wall clock (ms since the epoch). */
  now?: () => number;
}

/** A sampler: idle until started. */
export interface StatusSampler {
  /** The figures now (a fresh snapshot) with the samples kept. */
  figures(): StatusFigures;
  /** Starts the timer (once; nothing after `stop`). */
  start(): void;
  /** Stops the timer (idempotent); `figures()` still answers. */
  stop(): void;
}

/** Creates a sampler; throws on an interval that is not a positive integer of milliseconds. */
export function createStatusSampler(options: StatusSamplerOptions): StatusSampler {
  const { snapshot, intervalMs, onSample } = options;
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 1) {
    throw new RangeError(`The status sample interval expects a positive integer of milliseconds, but got ${intervalMs}.`);
  }
  const now = options.now ?? Date.now;
  const startedAt = now();
  const ring = createSampleRing<StatusSample>(options.historySamples);
  let sequence = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  const sample = () => {
    const status = snapshot();
    ring.push({
      id: String(++sequence),
      at: new Date(now()).toISOString(),
      sockets: status.sockets,
      streams: status.streams,
      liveQueries: status.liveQueries,
      patchesPerSecond: round(status.patchesPerSecond),
      deliveryP50Ms: toMs(status.deliveryP50),
      deliveryP99Ms: toMs(status.deliveryP99),
    });
    onSample?.();
  };
  return {
    figures() {
      const status = snapshot();
      return {
        sockets: status.sockets,
        streams: status.streams,
        groups: status.groups,
        liveQueries: status.liveQueries,
        patchesPerSecond: round(status.patchesPerSecond),
        deliveryP50Ms: toMs(status.deliveryP50),
        deliveryP99Ms: toMs(status.deliveryP99),
        uptimeSeconds: Math.max(0, Math.round((now() - startedAt) / 1000)),
        startedAt: new Date(startedAt).toISOString(),
        sampleIntervalMs: intervalMs,
        history: ring.toArray(),
      };
    },
    start() {
      if (timer !== undefined || stopped) return;
      timer = setInterval(sample, intervalMs);
      timer.unref();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** Three decimals: enough for a page, and no jitter of float noise between samples. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function toMs(seconds: number | null): number | null {
  return seconds === null ? null : round(seconds * 1000);
}
