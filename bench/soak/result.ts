/** What a soak run produced: the figures, the timelines for the chart, and the checks. */
import type { Distribution } from '../fanout/types.js';
import type { AckedWrite, WriterStats } from './writer.js';
import type { ConvergenceResult } from './convergence.js';
import type { LatencyBucket } from './deliveries.js';
import type { DisruptorStats } from './disruptor.js';
import type { InstanceMetrics } from './instanceMetrics.js';
import type { ProcessMemory, RssSample } from './memory.js';
import type { SoakOptions } from './options.js';
import type { SlowReaderStats } from './slowReaders.js';
import type { WritesCheck } from './acknowledgedWrites.js';

/** One pass/fail line of the report. */
export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

/** The fleet's figures. */
export interface FleetFigures {
  clients: number;
  sse: number;
  viewers: number;
  liveQueries: number;
  /** Clients live when the check started. */
  liveAtEnd: number;
  reconnects: number;
  /** Of which by SSE clients (event-stream requests after the first of each operation). */
  sseReconnects: number;
  /** States dropped by the library (revision gap, patch that did not apply), and the first reasons. */
  resubscribes: number;
  resubscribeReasons: string[];
  /** Live queries that ended with an error. */
  failures: string[];
}

/** Everything a run measured. */
export interface SoakResult {
  options: SoakOptions;
  date: string;
  node: string;
  cpus: number;
  loadAverageAtStart: number[];
  /** ms: setup (database, instances, fixtures, clients), the run, the warm-up, when the restart was planned. */
  timing: { setupMs: number; runMs: number; warmupMs: number; restartAt: number | null };
  fleet: FleetFigures;
  writes: WriterStats;
  /** Every acknowledged write. */
  acknowledged: AckedWrite[];
  disruptions: DisruptorStats;
  slowReaders: SlowReaderStats;
  memory: { processes: ProcessMemory[]; samples: RssSample[] };
  latency: { bucketMs: number; overall: Distribution; buckets: LatencyBucket[] };
  convergence: ConvergenceResult;
  writesCheck: WritesCheck;
  /** `/metrics` of each instance at the end. */
  instanceMetrics: InstanceMetrics[];
  checks: Check[];
  passed: boolean;
}
