/**
 * The soak runner: sets up (database, instances, fixtures, clients), runs the writer, the disruptor
 * and the slow readers for the duration while measuring memory and delivery latency, then stops the
 * writes, waits for a quiet point and checks. Everything it opens is closed before it returns.
 */
import os from 'node:os';
import { checkAcknowledgedWrites } from './acknowledgedWrites.js';
import { soakChecks } from './checks.js';
import { startCluster, type Cluster } from './cluster.js';
import { checkConvergence, type ObservedState } from './convergence.js';
import { createDeliveries, type Deliveries } from './deliveries.js';
import { startDisruptor, type Disruptor } from './disruptor.js';
import { createFixtures, type Fixtures } from './fixtures.js';
import { startFleet, type Fleet } from './fleet.js';
import { readInstanceMetrics } from './instanceMetrics.js';
import { startMemoryProbe, type MemoryProbe } from './memory.js';
import type { SoakOptions } from './options.js';
import type { FleetFigures, SoakResult } from './result.js';
import { startSlowReaders, type SlowReaders } from './slowReaders.js';
import { createStopSignal, type StopSignal } from './stopSignal.js';
import { createTokens, viewerCount, WRITER_ID } from './viewers.js';
import { startWriter, type Writer } from './writer.js';

/** How long the fleet may take to be live again, and the states to match fresh queries, after the writes stop. */
const QUIET_TIMEOUT_MS = 60_000;

/** The warm-up before the first RSS reading: 15 % of the run, from 10 s to 60 s. */
export const warmupMsOf = (durationMs: number) => Math.min(60_000, Math.max(10_000, Math.round(durationMs * 0.15)));

/** What the run phase works with. */
interface Setup {
  cluster: Cluster;
  fixtures: Fixtures;
  fleet: Fleet;
  deliveries: Deliveries;
  tokens: (viewer: string) => Promise<string>;
  writerAuthorization: string;
  /** Sets the time origin (the start of the run) and the writer the clients time deliveries from. */
  begin: (writer: Writer) => void;
  now: () => number;
}

/** The parts running during the run phase. */
interface Running {
  writer: Writer;
  slow: SlowReaders;
  disruptor: Disruptor;
  memory: MemoryProbe;
  restartAt: number | null;
}

/** Runs a soak. `signal` ends the run phase early (Ctrl-C); the checks still run. */
export async function runSoak(options: SoakOptions, log: (message: string) => void, signal: StopSignal = createStopSignal()): Promise<SoakResult> {
  const date = new Date().toISOString();
  const loadAverageAtStart = os.loadavg().map((n) => Math.round(n * 100) / 100);
  const started = performance.now();
  const cleanups: (() => unknown)[] = [];
  try {
    const setup = await setUp(options, log, cleanups);
    const setupMs = Math.round(performance.now() - started);
    log(`setup done in ${setupMs} ms: ${setup.fleet.clients.length} clients live; running for ${options.durationMs / 1000} s`);
    const running = startRun(options, setup, log, cleanups);
    await followRun(options, setup, running, log, signal);
    const runMs = Math.round(setup.now());
    const figures = await finish(setup, running, log);
    const partial = {
      options,
      date,
      node: process.version,
      cpus: os.cpus().length,
      loadAverageAtStart,
      timing: { setupMs, runMs, warmupMs: warmupMsOf(options.durationMs), restartAt: running.restartAt },
      ...figures,
    };
    const checks = soakChecks(partial);
    return { ...partial, checks, passed: checks.every((c) => c.passed) };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

async function setUp(options: SoakOptions, log: (message: string) => void, cleanups: (() => unknown)[]): Promise<Setup> {
  const tokens = createTokens(options.durationMs + 30 * 60_000);
  const writerAuthorization = `Bearer ${await tokens(WRITER_ID)}`;
  log(`starting PostgreSQL database and ${options.instances} instances (Redis bus)`);
  const cluster = await startCluster(options.instances);
  cleanups.push(() => cluster.close());
  const fixtures = await createFixtures(cluster.instances[0]!.httpUrl, writerAuthorization, viewerCount(options.clients));
  const deliveries = createDeliveries(Math.max(5_000, Math.round(options.durationMs / 120_000) * 1_000));
  let origin = performance.now();
  let writer: Writer | undefined;
  const now = () => performance.now() - origin;
  log(`fixtures created; starting ${options.clients} clients`);
  const fleet = await startFleet(
    options.clients,
    { instances: options.instances, sseShare: options.sseShare, targets: fixtures },
    {
      instances: cluster.instances,
      token: tokens,
      sentAt: (marker) => writer?.sentAt(marker),
      now,
      delivered: (latencyMs, at) => deliveries.record(latencyMs, at),
    },
    log,
  );
  cleanups.push(() => fleet.close());
  const begin = (started: Writer) => {
    origin = performance.now();
    writer = started;
  };
  return { cluster, fixtures, fleet, deliveries, tokens, writerAuthorization, begin, now };
}

function startRun(options: SoakOptions, setup: Setup, log: (message: string) => void, cleanups: (() => unknown)[]): Running {
  const { cluster, fleet, fixtures } = setup;
  const writer = startWriter({
    cluster,
    authorization: setup.writerAuthorization,
    models: fixtures.models,
    writesPerSecond: options.writesPerSecond,
    durationMs: options.durationMs,
    now: () => setup.now(),
  });
  setup.begin(writer);
  cleanups.push(() => writer.stop());
  const memory = startMemoryProbe(cluster.instances, setup.now);
  cleanups.push(() => memory.stop());
  const slow = startSlowReaders(options.slow, { cluster, documentId: fixtures.documentIds[0]!, token: setup.tokens, durationMs: options.durationMs });
  cleanups.push(() => slow.close());
  // Early enough for the restarted process's own warm-up, even after a 30 s shutdown (see cluster.ts).
  const restartAt = options.restart ? Math.max(Math.round(options.durationMs * 0.25), warmupMsOf(options.durationMs) + 5_000) : null;
  const disruptor = startDisruptor({
    cluster,
    fleet,
    disconnectsPerSecond: options.disconnectsPerSecond,
    durationMs: options.durationMs,
    restartAt: restartAt ?? undefined,
    restartInstance: options.instances - 1,
    drain: (instance) => writer.drain(instance),
    now: setup.now,
    log,
  });
  cleanups.push(() => disruptor.stop());
  return { writer, slow, disruptor, memory, restartAt };
}

/** Waits out the run: RSS after warm-up (and after the restarted instance's own), progress lines, then stops the load. */
async function followRun(options: SoakOptions, setup: Setup, running: Running, log: (message: string) => void, signal: StopSignal): Promise<void> {
  const { memory, disruptor, writer, slow } = running;
  const warmupMs = warmupMsOf(options.durationMs);
  const warm = (async () => {
    await signal.sleep(warmupMs - setup.now());
    for (const instance of setup.cluster.instances) if (instance.up) await memory.measureWarm(instance.index);
  })();
  const warmRestarted = (async () => {
    const restart = await disruptor.restarted;
    if (!restart) return;
    await signal.sleep(Math.min((restart.allBackAt ?? restart.upAt) + warmupMs, options.durationMs - 2_000) - setup.now());
    await memory.measureWarm(restart.instance);
  })();
  const progressEveryMs = Math.min(60_000, Math.max(10_000, Math.round(options.durationMs / 10)));
  for (let i = 1; i * progressEveryMs < options.durationMs && !signal.isStopped(); i++) {
    await signal.sleep(i * progressEveryMs - setup.now());
    const w = writer.stats();
    const d = disruptor.stats();
    log(`${Math.round(setup.now() / 1000)} s: ${setup.fleet.liveCount()}/${setup.fleet.clients.length} live, ${w.acknowledged} writes acknowledged, ${d.disconnects} disconnects`);
  }
  await signal.sleep(options.durationMs - setup.now());
  log('stopping writes, disconnects and slow readers');
  await Promise.all([disruptor.stop(), writer.stop(), slow.stop(), warm, warmRestarted]);
}

/** The quiet point and the checks' figures. */
async function finish(setup: Setup, running: Running, log: (message: string) => void): Promise<Omit<SoakResult, 'options' | 'date' | 'node' | 'cpus' | 'loadAverageAtStart' | 'timing' | 'checks' | 'passed'>> {
  const { fleet, cluster, deliveries } = setup;
  const { writer, slow, disruptor, memory } = running;
  await fleet.waitLive(QUIET_TIMEOUT_MS);
  const liveAtEnd = fleet.liveCount();
  log(`quiet point: ${liveAtEnd}/${fleet.clients.length} clients live; comparing every state with a fresh query`);
  const convergence = await checkConvergence(observedStates(fleet, slow), cluster, setup.tokens, QUIET_TIMEOUT_MS);
  const writesCheck = await checkAcknowledgedWrites(writer.models, cluster, setup.writerAuthorization);
  await memory.measureEnd();
  memory.stop();
  const instanceMetrics = await Promise.all(cluster.instances.map((instance) => readInstanceMetrics(instance, cluster.metricsToken)));
  return {
    fleet: fleetFigures(fleet, liveAtEnd),
    writes: writer.stats(),
    acknowledged: [...writer.acknowledged],
    disruptions: disruptor.stats(),
    slowReaders: slow.stats(),
    memory: { processes: memory.results(), samples: [...memory.samples] },
    latency: { bucketMs: deliveries.bucketMs, overall: deliveries.overall(), buckets: deliveries.buckets() },
    convergence,
    writesCheck,
    instanceMetrics,
  };
}

/** Every state the end check compares: each client's live queries, and each slow reader's. */
function observedStates(fleet: Fleet, slow: SlowReaders): ObservedState[] {
  const states: ObservedState[] = fleet.clients.flatMap((client) =>
    client.queries.map((query) => ({
      who: `client ${client.index}`,
      viewer: client.viewer,
      operation: query.operation,
      read: () => ({ data: query.data, ...(query.errors !== undefined && { errors: query.errors }) }),
    })),
  );
  slow.readers.forEach((reader, i) =>
    states.push({ who: `slow reader ${i}`, viewer: reader.viewer, operation: reader.operation, read: () => ({ data: reader.client?.state() }) }),
  );
  return states;
}

function fleetFigures(fleet: Fleet, liveAtEnd: number): FleetFigures {
  const clients = fleet.clients;
  return {
    clients: clients.length,
    sse: clients.filter((c) => c.transport === 'sse').length,
    viewers: new Set(clients.map((c) => c.viewer)).size,
    liveQueries: clients.reduce((sum, c) => sum + c.queries.length, 0),
    liveAtEnd,
    reconnects: clients.reduce((sum, c) => sum + c.reconnects(), 0),
    sseReconnects: clients.reduce((sum, c) => sum + (c.transport === 'sse' ? c.reconnects() : 0), 0),
    resubscribes: clients.reduce((sum, c) => sum + c.resubscribes.count, 0),
    resubscribeReasons: clients.flatMap((c) => c.resubscribes.reasons.map((r) => `client ${c.index}: ${r}`)).slice(0, 10),
    failures: clients.flatMap((c) => c.queries.filter((q) => q.failure !== undefined).map((q) => `client ${c.index} ${q.operation.name}: ${q.failure}`)).slice(0, 20),
  };
}
