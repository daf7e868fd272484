/**
 * Random writes over HTTP at a bounded rate, each to an instance that is up, as the writer. At most
 * one write per target is in flight, so the model (model.ts) follows the acknowledgements in commit
 * order. Every acknowledged write is recorded; a refused one is counted with its message; one whose
 * outcome is unknown (the connection failed) makes the writer read that target again.
 */
import { postGraphQL } from '../fanout/graphqlHttp.js';
import { distribution } from '../fanout/stats.js';
import type { Distribution } from '../fanout/types.js';
import { withTimeout } from '../../test/support/waitFor.js';
import type { Cluster } from './cluster.js';
import { readTarget } from './fixtures.js';
import type { TargetModel } from './model.js';
import { createStopSignal } from './stopSignal.js';
import { planWrite } from './writeKinds.js';

/** One acknowledged write: `[seq, kind, target index, instance, sent at ms, acknowledged at ms]`. */
export type AckedWrite = [number, string, number, number, number, number];

/** What the writer did. */
export interface WriterStats {
  acknowledged: number;
  byKind: Record<string, number>;
  refused: number;
  /** The first refusals' messages. */
  refusals: string[];
  /** Writes whose connection failed: committed or not, the writer read the target again. */
  unknownOutcome: number;
  /** Ticks with every target busy (or no instance up): nothing was sent. */
  skipped: number;
  /** Sent → acknowledged, ms. */
  latencyMs: Distribution;
}

/** The running writer. */
export interface Writer {
  /** When write `seq` was sent (ms since the run started), for the delivery latency of its title. */
  sentAt(seq: number): number | undefined;
  /** Resolves once no write to `instance` is in flight (at most 15 s). */
  drain(instance: number): Promise<void>;
  /** Stops sending and waits for the writes in flight. */
  stop(): Promise<void>;
  /** Every acknowledged write, in acknowledgement order. */
  readonly acknowledged: readonly AckedWrite[];
  /** The model after the acknowledged writes, one per target. */
  readonly models: readonly TargetModel[];
  stats(): WriterStats;
}

type Counts = Omit<WriterStats, 'latencyMs'>;

/** Options of {@link startWriter}. */
export interface WriterOptions {
  cluster: Cluster;
  /** `Bearer <jwt>` of the owner of the targets. */
  authorization: string;
  models: TargetModel[];
  writesPerSecond: number;
  /** Sends no more than `writesPerSecond` × this many seconds' writes, and stops sending after it. */
  durationMs: number;
  /** ms since the run started. */
  now: () => number;
}

const MAX_REFUSALS_KEPT = 10;

/** What the writes share: what was acknowledged, when titles were sent, the counts. */
interface Records {
  acknowledged: AckedWrite[];
  sent: Map<number, number>;
  stats: Counts;
  seq: number;
}

/** Plans one write to `target`, sends it to `instance` and records how it came out. */
async function sendWrite(options: WriterOptions, records: Records, target: number, instance: number): Promise<void> {
  const { cluster, authorization, models } = options;
  const { stats } = records;
  const model = models[target]!;
  const seq = ++records.seq;
  const planned = planWrite(model, seq);
  if (!planned) return;
  const sentAt = options.now();
  if (planned.marker !== undefined) records.sent.set(planned.marker, sentAt);
  try {
    const data = await postGraphQL(cluster.instances[instance]!.httpUrl, planned.query, planned.variables, authorization);
    planned.apply(data);
    records.acknowledged.push([seq, planned.kind, target, instance, round(sentAt), round(options.now())]);
    stats.acknowledged++;
    stats.byKind[planned.kind] = (stats.byKind[planned.kind] ?? 0) + 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('GraphQL errors') || message.startsWith('HTTP')) {
      stats.refused++;
      if (stats.refusals.length < MAX_REFUSALS_KEPT) stats.refusals.push(`write ${seq} (${planned.kind}): ${message}`);
      return;
    }
    stats.unknownOutcome++;
    const up = cluster.upInstances()[0];
    if (up) models[target] = await readTarget(up.httpUrl, authorization, model.kind, model.id);
  }
}

/** Starts writing at once. */
export function startWriter(options: WriterOptions): Writer {
  const { cluster, models } = options;
  const records: Records = {
    acknowledged: [],
    sent: new Map(),
    stats: { acknowledged: 0, byKind: {}, refused: 0, refusals: [], unknownOutcome: 0, skipped: 0 },
    seq: 0,
  };
  const { stats, acknowledged } = records;
  const inFlight = new Map<number, { instance: number; done: Promise<void> }>();
  const signal = createStopSignal();

  const launch = () => {
    const idle = models.map((_, i) => i).filter((i) => !inFlight.has(i));
    const up = cluster.upInstances();
    const target = idle[Math.floor(Math.random() * idle.length)];
    const instance = up[Math.floor(Math.random() * up.length)];
    if (target === undefined || instance === undefined) {
      stats.skipped++;
      return;
    }
    const done = sendWrite(options, records, target, instance.index)
      .catch((error: unknown) => {
        stats.unknownOutcome++;
        if (stats.refusals.length < MAX_REFUSALS_KEPT) stats.refusals.push(`re-reading target ${target} failed: ${String(error)}`);
      })
      .finally(() => inFlight.delete(target));
    inFlight.set(target, { instance: instance.index, done });
  };

  const loop = (async () => {
    const interval = 1000 / options.writesPerSecond;
    const maxWrites = Math.ceil(options.durationMs / interval);
    let due = performance.now();
    for (let i = 0; i < maxWrites && !signal.isStopped(); i++) {
      launch();
      due += interval;
      const wait = due - performance.now();
      if (wait > 0) await signal.sleep(wait);
    }
  })();

  return {
    sentAt: (marker) => records.sent.get(marker),
    async drain(instance) {
      const pending = [...inFlight.values()].filter((w) => w.instance === instance).map((w) => w.done);
      await withTimeout(Promise.all(pending), 15_000, `the writes to instance ${instance} to finish`);
    },
    async stop() {
      signal.stop();
      await loop;
      await Promise.all([...inFlight.values()].map((w) => w.done));
    },
    acknowledged,
    models,
    stats: () => ({
      ...stats,
      byKind: { ...stats.byKind },
      refusals: [...stats.refusals],
      latencyMs: distribution(acknowledged.map((write) => write[5] - write[4])),
    }),
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
