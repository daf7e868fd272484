/**
 * The measurement skeleton every scenario shares: RSS before subscribing, subscribe the clients,
 * idle CPU and RSS once settled, then the scenario's update phase between two CPU readings, then
 * the sample client's check against a fresh execution.
 */
import { createDeliveryTracker, type DeliveryTracker } from './deliveryTracker.js';
import { openFleet, type SubscriptionPlan } from './fleet.js';
import { postGraphQL } from './graphqlHttp.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readEngineGroups, type EngineGroups } from './engineGroups.js';
import { collectGarbage, startCpuProfile, type CpuProfileRecording } from './inspector.js';
import type { Writer } from './signIn.js';
import { sampleCpu, settledRssBytes, type CpuSample } from './procStats.js';
import { createSampleClient } from './sampleClient.js';
import { distribution, round, sleep } from './stats.js';
import type { CpuMeasurement, Distribution, GeneratorTask, Scenario, ScenarioResult } from './types.js';

/** What a scenario's update phase reports beyond the tracker's numbers. */
export interface DriveOutcome {
  /** Units the CPU is divided by (updates, or rounds). */
  cpuUnits: number;
  rounds: number | null;
  /** Overrides the tracker's per-update fan-out (ownDoc: per round). */
  fanoutMs?: Distribution;
  /** Round trips of the update mutations (send → HTTP response). */
  writeMs?: Distribution;
  notes?: string[];
  /** Sustained writes: acknowledged writes per second. */
  writesPerSecond?: number;
}

/** A scenario's plan for {@link measurePhase}. */
export interface PhasePlan {
  scenario: Scenario;
  sockets: number;
  subscriptions: (socket: number) => SubscriptionPlan[];
  /**
   * Live queries per socket whose ids are "1"…"k" (default 1): the delivery tracker counts each as a
   * client of its own, told apart by the id that every `next` message starts with.
   */
  watchersPerSocket?: number;
  /** Socket `socket`'s `connection_init` payload (e.g. `{ authorization }`); none: anonymous. */
  connectionPayload?: (socket: number) => Record<string, unknown> | undefined;
  /** livedoc: the documents whose engine groups are counted after the update phase. */
  groupDocuments?: readonly string[];
  /** Updates the phase sends (0: memory only). */
  updates: number;
  /** Clients that must receive update `u`. */
  expected: (update: number) => number;
  /** A fresh, non-live execution of the sample client's query (as the sample's viewer), for the final check. */
  fresh: { query: string; variables: Record<string, unknown>; authorization?: string } | null;
  /** How long the subscribed server idles before measuring RSS and idle CPU. */
  settleMs: number;
  /** Sends the updates and waits for their delivery. */
  drive(tracker: DeliveryTracker, deadline: number): Promise<DriveOutcome>;
}

/** Per-run facts the phase needs. */
export interface PhaseContext {
  task: GeneratorTask;
  /** The seq of this phase's first marker. */
  seqBase: number;
  /** Absolute time (performance.now()) by which the phase must end. */
  deadline: number;
  /** How the generator writes on this server (signed in and publishing on livedoc). */
  writer: Writer;
  log(message: string): void;
}

/** CPU ms per second between two samples, from schedstat when both have it. */
function cpuRate(a: CpuSample, b: CpuSample, ticksPerSecond: number): number {
  const seconds = (b.at - a.at) / 1000;
  if (seconds <= 0) return 0;
  const ms = a.ns !== null && b.ns !== null ? (b.ns - a.ns) / 1e6 : ((b.ticks - a.ticks) * 1000) / ticksPerSecond;
  return ms / seconds;
}

function cpuMeasurement(a: CpuSample, b: CpuSample, units: number, idleMsPerSecond: number, ticksPerSecond: number): CpuMeasurement {
  const totalMs = ((b.ticks - a.ticks) * 1000) / ticksPerSecond;
  const phaseMs = b.at - a.at;
  const perUpdateMs = totalMs / Math.max(1, units);
  const schedMs = a.ns !== null && b.ns !== null ? (b.ns - a.ns) / 1e6 : null;
  return {
    totalMs: round(totalMs)!,
    perUpdateMs: round(perUpdateMs)!,
    schedstatPerUpdateMs: schedMs === null ? null : round(schedMs / Math.max(1, units)),
    idleMsPerSecond: round(idleMsPerSecond)!,
    netPerUpdateMs: round(Math.max(0, ((schedMs ?? totalMs) - (idleMsPerSecond * phaseMs) / 1000) / Math.max(1, units)))!,
    phaseMs: round(phaseMs)!,
  };
}

/** Runs one scenario's phase against the task's server and returns what it measured. */
export async function measurePhase(plan: PhasePlan, ctx: PhaseContext): Promise<ScenarioResult> {
  const { task } = ctx;
  const pid = task.serverPid;
  const errors: string[] = [];
  const notes: string[] = [];
  const liveQueriesPlanned = Array.from({ length: plan.sockets }, (_, s) => plan.subscriptions(s).length).reduce((a, b) => a + b, 0);

  const idle = await memoryReading(task, errors);
  const perSocket = plan.watchersPerSocket ?? 1;
  const tracker = createDeliveryTracker(plan.sockets * perSocket, plan.updates, ctx.seqBase);
  const sample = task.server === 'raw' ? null : createSampleClient('1');
  const transport = plan.scenario.transport ?? 'ws';
  ctx.log(`subscribing ${liveQueriesPlanned} live queries on ${plan.sockets} ${transport === 'sse' ? 'SSE clients' : 'sockets'}`);
  const fleet = await openFleet({
    transport,
    wsUrl: task.wsUrl,
    httpUrl: task.httpUrl,
    sockets: plan.sockets,
    subscriptions: plan.subscriptions,
    connectionPayload: plan.connectionPayload,
    listener: (socket) => {
      const listener = {
        onUpdate: (text: string, bytes: number) => tracker.receive(socket * perSocket + subscriptionIndex(text, perSocket), text, bytes),
      };
      return socket === 0 && sample ? sample.listener(listener) : listener;
    },
    timeoutMs: Math.max(5_000, Math.min(180_000, ctx.deadline - performance.now() - 10_000)),
  });
  errors.push(...fleet.failures);
  ctx.log(`subscribed ${fleet.subscribed}/${liveQueriesPlanned} in ${Math.round(fleet.subscribeMs)} ms`);

  // Settle, measure the idle CPU (keep-alive pings, timers), then memory after a forced GC.
  await sleep(Math.max(200, plan.settleMs / 2));
  const idleStart = sampleCpu(pid);
  await sleep(Math.max(200, plan.settleMs / 2));
  const idleEnd = sampleCpu(pid);
  const idleMsPerSecond = cpuRate(idleStart, idleEnd, task.clockTicksPerSecond);
  const subscribed = await memoryReading(task, errors);
  await sleep(200);

  let cpu: CpuMeasurement | null = null;
  let outcome: DriveOutcome = { cpuUnits: 0, rounds: null };
  if (plan.updates > 0 && fleet.subscribed === liveQueriesPlanned) {
    const floorBytes = task.floorMessageBytes[plan.scenario.name];
    if (task.server === 'raw' && floorBytes) await configureFloor(task.httpUrl, floorBytes);
    tracker.startCounting();
    sample?.startCounting();
    let recording: CpuProfileRecording | undefined;
    if (task.cpuProfileDir && task.inspectorUrl) recording = await startCpuProfile(task.inspectorUrl);
    const before = sampleCpu(pid);
    try {
      outcome = await plan.drive(tracker, ctx.deadline);
    } catch (error) {
      errors.push(`update phase: ${error instanceof Error ? error.message : String(error)}`);
    }
    const after = sampleCpu(pid);
    if (recording && task.cpuProfileDir) {
      await writeFile(path.join(task.cpuProfileDir, `${plan.scenario.name}.cpuprofile`), await recording.stop());
      notes.push('CPU profiled during the update phase (the profiler slows the server)');
    }
    cpu = cpuMeasurement(before, after, outcome.cpuUnits, idleMsPerSecond, task.clockTicksPerSecond);
  } else if (plan.updates > 0) {
    errors.push('not every live query subscribed: update phase skipped');
  }
  notes.push(...(outcome.notes ?? []));
  const engineGroups = await countGroups(task, plan.groupDocuments, errors);

  let verification: ScenarioResult['verification'] = { checked: false, ok: false, detail: 'raw floor: not checked' };
  if (sample && plan.fresh) {
    try {
      const data = await postGraphQL(task.httpUrl, plan.fresh.query, plan.fresh.variables, plan.fresh.authorization);
      verification = sample.verify(data);
    } catch (error) {
      verification = { checked: true, ok: false, detail: `fresh query failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  errors.push(...fleet.problems());
  await fleet.close();

  const expectedDeliveries = Array.from({ length: plan.updates }, (_, u) => plan.expected(u)).reduce((a, b) => a + b, 0);
  const patch = sample?.patchStats();
  const receivers = plan.updates > 0 ? expectedDeliveries : 0;
  return {
    scenario: plan.scenario.name,
    kind: plan.scenario.kind,
    server: task.server,
    clients: plan.sockets,
    liveQueries: liveQueriesPlanned,
    allSubscribed: fleet.subscribed === liveQueriesPlanned,
    subscribedCount: fleet.subscribed,
    subscribeAllMs: round(fleet.subscribeMs)!,
    updates: plan.updates,
    rounds: outcome.rounds,
    expectedDeliveries,
    delivered: tracker.delivered,
    fanoutMs: outcome.fanoutMs ?? tracker.fanouts(plan.expected),
    latencyMs: plan.updates > 0 ? tracker.latencies() : distribution([]),
    writeMs: outcome.writeMs ?? distribution([]),
    cpu,
    memory: {
      gcForced: idle.heap !== null && subscribed.heap !== null,
      idleBytes: idle.rss,
      subscribedBytes: subscribed.rss,
      perLiveQueryBytes: Math.round((subscribed.rss - idle.rss) / Math.max(1, fleet.subscribed)),
      heapIdleBytes: idle.heap,
      heapSubscribedBytes: subscribed.heap,
      heapPerLiveQueryBytes:
        idle.heap !== null && subscribed.heap !== null ? Math.round((subscribed.heap - idle.heap) / Math.max(1, fleet.subscribed)) : null,
    },
    bytesPerUpdatePerClient: receivers > 0 && cpu ? round(tracker.bytes / receivers) : null,
    messagesPerUpdatePerClient: receivers > 0 && cpu ? round(tracker.messages / receivers) : null,
    patchOps: patch?.ops ?? null,
    patchBytes: patch?.patchBytes ?? null,
    messageBytes: patch?.messageBytes ?? (receivers > 0 && tracker.messages > 0 ? Math.round(tracker.bytes / tracker.messages) : null),
    verification,
    errors: errors.slice(0, 10),
    notes,
    viewers: ('viewers' in plan.scenario && plan.scenario.viewers) || 'anonymous',
    transport,
    ...(plan.scenario.kind === 'ownDoc' && { writesPerRound: plan.scenario.sustainedMs ? 1 : plan.scenario.writesPerRound }),
    ...(outcome.writesPerSecond !== undefined && { writesPerSecond: outcome.writesPerSecond }),
    ...(engineGroups !== undefined && { engineGroups }),
  };
}

/** The engine's groups of `documents` (livedoc with its inspector); undefined when not asked for. */
async function countGroups(task: GeneratorTask, documents: readonly string[] | undefined, errors: string[]): Promise<EngineGroups | null | undefined> {
  if (!documents || task.server !== 'livedoc') return undefined;
  if (!task.inspectorUrl) return null;
  try {
    return await readEngineGroups(task.inspectorUrl, documents);
  } catch (error) {
    errors.push(`engine groups unreadable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** RSS (median of a few readings) and V8 heap used, right after a forced full GC when the inspector is there. */
async function memoryReading(task: GeneratorTask, errors: string[]): Promise<{ rss: number; heap: number | null }> {
  let heap: number | null = null;
  if (task.inspectorUrl) {
    try {
      heap = await collectGarbage(task.inspectorUrl);
    } catch (error) {
      errors.push(`forced GC failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await sleep(task.quick ? 100 : 300);
  return { rss: await settledRssBytes(task.serverPid, task.quick ? 3 : 5, task.quick ? 50 : 100), heap };
}

/** Tells the raw floor how large its broadcast `next` messages must be. */
async function configureFloor(httpUrl: string, messageBytes: number): Promise<void> {
  const url = httpUrl.replace(/\/graphql$/, '/floor/config');
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ messageBytes }) });
  if (!response.ok) throw new Error(`floor config: HTTP ${response.status}`);
}

/** `{"id":"<k>",…` → k − 1 for ids "1"…"9"; 0 with one live query per socket. */
function subscriptionIndex(text: string, perSocket: number): number {
  if (perSocket === 1) return 0;
  const index = text.charCodeAt(ID_DIGIT_AT) - 49;
  return index >= 0 && index < perSocket ? index : 0;
}

/** Where the id's first digit sits in a graphql-ws `next` message: after `{"id":"`. */
const ID_DIGIT_AT = 7;
