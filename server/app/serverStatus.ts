/**
 * The server status of one instance for `Query.serverStatus`: a sampler over the metrics' snapshot
 * that, with every sample, invalidates the field in this instance's engine only — each instance
 * reports itself, so other instances (which the bus would reach) have nothing new to show.
 */
import { SERVER_STATUS_KEY } from '../graphql/resolvers/status.js';
import type { StatusReader } from '../graphql/statusReader.js';
import type { ServerMetrics } from '../metrics/serverMetrics.js';
import { createStatusSampler } from '../metrics/statusSampler.js';
import type { Logger } from '../runtime/logger.js';

/** Default time between two samples. */
export const DEFAULT_STATUS_SAMPLE_MS = 5_000;
/** Samples kept: 10 minutes at the default interval. */
export const STATUS_HISTORY_SAMPLES = 120;

/** The status options of a server (ServerOptions.operators, statusSampleMs). */
export interface ServerStatusOptions {
  /** Viewer ids that may read the status in production; ignored in development, where everyone may. */
  operators?: readonly string[] | undefined;
  /** Time between two samples (default {@link DEFAULT_STATUS_SAMPLE_MS}). */
  statusSampleMs?: number | undefined;
}

/** The reader for the contexts, and the sampler's timer. */
export interface ServerStatusSource {
  readonly reader: StatusReader;
  /** Starts sampling (once the server listens: a server that fails to start leaves no timer). */
  start(): void;
  stop(): void;
}

/**
 * The status of a server over `metrics`; `invalidate` reaches the local engine (called only from the
 * timer, so it may close over an engine created after this). Warns when production leaves the status
 * to nobody.
 */
export function createServerStatus(
  metrics: Pick<ServerMetrics, 'snapshot'>,
  invalidate: (keys: readonly string[]) => void,
  options: ServerStatusOptions,
  context: { production: boolean; logger: Logger },
): ServerStatusSource {
  const keys = [SERVER_STATUS_KEY];
  const sampler = createStatusSampler({
    snapshot: () => metrics.snapshot(),
    intervalMs: options.statusSampleMs ?? DEFAULT_STATUS_SAMPLE_MS,
    historySamples: STATUS_HISTORY_SAMPLES,
    onSample: () => invalidate(keys),
  });
  const operators = context.production ? new Set(options.operators ?? []) : null;
  if (operators?.size === 0) context.logger.warn('nobody may read the server status: set OPERATORS to the viewer ids of operators');
  return { reader: { operators, figures: () => sampler.figures() }, start: () => sampler.start(), stop: () => sampler.stop() };
}
