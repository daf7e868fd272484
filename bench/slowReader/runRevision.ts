/**
 * One slow-reader run against one revision's server: a public ~10 KB document, `paused` live
 * clients that subscribe and then stop reading their TCP socket, `healthy` ones that read, paced
 * updates each replacing the body, the server's RSS sampled throughout; then the paused clients read
 * again and either converge on a fresh query's result or find their socket closed.
 */
import { bearer } from '../../test/support/auth.js';
import { startServerProcess } from '../../test/support/serverProcess.js';
import { jsonEqual, type JsonValue } from '../../wire/json.js';
import { collectGarbage } from '../fanout/inspector.js';
import { LOAD_GENERATOR_LIMITS } from '../loadGeneratorLimits.js';
import { bodyFor, CREATE, FRESH_QUERY, graphql, idOf, LIVE_QUERY, markerOf, percentile, PUBLISH, sleep, titleFor, UPDATE } from './fixtures.js';
import { openPausableClient, type PausableClient } from './pausableClient.js';
import { closesByCode, metricValues, scrapeMetrics, startRssSampler, type RssSample } from './probes.js';
import type { RevisionBuild } from './revisionBuild.js';

/** The shape of a run. */
export interface SlowReaderSettings {
  paused: number;
  healthy: number;
  updates: number;
  /** Update i is sent at start + i × intervalMs (or as soon as the previous one returned, if later). */
  intervalMs: number;
  bodyBytes: number;
  /** Stop sending after this long, whatever `updates` says. */
  writeDeadlineMs: number;
  /** How long healthy clients may take to receive the last update. */
  drainMs: number;
  /** How long resumed paused clients may take to converge or see their close. */
  resumeWaitMs: number;
}

const METRICS_TOKEN = 'slow-reader-bench-metrics-token';

const maxOf = (samples: readonly RssSample[], phases: readonly string[]) =>
  Math.max(...samples.filter((s) => phases.includes(s.phase)).map((s) => s.rssMiB));
const maxTcp = (samples: readonly RssSample[]) => Math.max(0, ...samples.map((s) => s.tcpMiB ?? 0));
const lastOf = (samples: readonly RssSample[], phase: string) => samples.filter((s) => s.phase === phase).at(-1)?.rssMiB ?? NaN;

/** What became of the paused clients once they read again. */
function pausedOutcome(clients: readonly PausableClient[], fresh: JsonValue) {
  const closed: Record<string, number> = {};
  let converged = 0;
  let diverged = 0;
  for (const client of clients) {
    const code = client.closeCode();
    if (code !== undefined) closed[code] = (closed[code] ?? 0) + 1;
    else if (jsonEqual(client.state() ?? null, fresh)) converged++;
    else diverged++;
  }
  const updates = clients.map((c) => c.updates());
  return {
    converged,
    closed,
    openNotConverged: diverged,
    messagesAfterFirst: { min: Math.min(...updates), max: Math.max(...updates) },
    problems: clients.flatMap((c) => c.problems).slice(0, 10),
  };
}

/** Runs the scenario against `build`'s server; `log` reports progress. */
export async function runRevision(build: RevisionBuild, settings: SlowReaderSettings, log: (message: string) => void) {
  const server = await startServerProcess(
    { NODE_ENV: 'production', LOG_LEVEL: 'warn', METRICS_TOKEN, ...LOAD_GENERATOR_LIMITS },
    60_000,
    // The inspector serves forced full GCs, so that readings are not of garbage not yet collected.
    { entry: build.entry, nodeArgs: ['--inspect=127.0.0.1:0'] },
  );
  const inspectorUrl = server.inspectorUrl();
  if (inspectorUrl === undefined) throw new Error(`the server printed no inspector URL:\n${server.output()}`);
  const heapMiB = async () => Math.round((await collectGarbage(inspectorUrl)) / 2 ** 20 * 10) / 10;
  const base = `http://127.0.0.1:${server.port}`;
  const sampler = startRssSampler(server.pid);
  const clients: PausableClient[] = [];
  try {
    const writer = await bearer('bench-writer');
    const id = idOf(await graphql(server.httpUrl, CREATE, { b: bodyFor(-1, settings.bodyBytes) }, writer), 'createDocument');
    await graphql(server.httpUrl, PUBLISH, { id }, writer);
    await sleep(1_000);
    sampler.setPhase('subscribing');

    const sentAt: number[] = [];
    const latencies: number[] = [];
    const onUpdate = (data: Buffer, receivedAt: number) => {
      const i = markerOf(data);
      const sent = i === undefined ? undefined : sentAt[i];
      if (sent !== undefined) latencies.push(receivedAt - sent);
    };
    const open = (parse: boolean) =>
      openPausableClient({ url: server.wsUrl, query: LIVE_QUERY, variables: { id }, parse, ...(!parse && { onUpdate }) });
    const healthy = await Promise.all(Array.from({ length: settings.healthy }, () => open(false)));
    const paused = await Promise.all(Array.from({ length: settings.paused }, () => open(true)));
    clients.push(...healthy, ...paused);
    for (const client of paused) client.pause();
    log(`${build.label}: ${healthy.length} healthy and ${paused.length} paused clients live on ${id}`);
    await sleep(1_000);
    const heapSubscribed = await heapMiB();
    sampler.setPhase('subscribed');
    await sleep(500);

    sampler.setPhase('writing');
    const mutationMs: number[] = [];
    const started = performance.now();
    for (let i = 0; i < settings.updates && performance.now() - started < settings.writeDeadlineMs; i++) {
      const wait = started + i * settings.intervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      sentAt[i] = sent;
      await graphql(server.httpUrl, UPDATE, { id, t: titleFor(i), b: bodyFor(i, settings.bodyBytes) }, writer);
      mutationMs.push(performance.now() - sent);
      if (i % 500 === 499) log(`${build.label}: ${i + 1} updates sent, ${latencies.length} healthy deliveries`);
    }
    const writeS = (performance.now() - started) / 1000;
    const sent = sentAt.length;

    sampler.setPhase('draining');
    const drainUntil = performance.now() + settings.drainMs;
    const healthyDone = () => healthy.every((c) => c.updates() > 0) && latencies.length >= sent * healthy.length;
    while (!healthyDone() && performance.now() < drainUntil) await sleep(20);
    await sleep(1_000);
    sampler.setPhase('drained');
    const heapDrained = await heapMiB();
    sampler.setPhase('drained, after a full GC');
    const metricsText = await scrapeMetrics(base, METRICS_TOKEN);
    const ws = metricValues(metricsText, 'transport="ws"');
    sampler.setPhase('resumed');

    log(`${build.label}: ${sent} updates in ${writeS.toFixed(1)} s; resuming the paused clients`);
    const fresh = await graphql(server.httpUrl, FRESH_QUERY, { id });
    for (const client of paused) client.resume();
    const resumeUntil = performance.now() + settings.resumeWaitMs;
    const settled = (c: PausableClient) => c.closeCode() !== undefined || jsonEqual(c.state() ?? null, fresh);
    while (!paused.every(settled) && performance.now() < resumeUntil) await sleep(50);
    await sleep(1_000);
    sampler.stop();

    const samples = sampler.samples;
    const sorted = latencies.sort((a, b) => a - b);
    const sortedMutations = mutationMs.sort((a, b) => a - b);
    return {
      label: build.label,
      commit: build.commit,
      subject: build.subject,
      rssMiB: {
        beforeClients: lastOf(samples, 'start'),
        subscribed: lastOf(samples, 'subscribed'),
        peak: maxOf(samples, ['writing', 'draining']),
        endOfWrites: lastOf(samples, 'drained'),
        endOfWritesAfterGc: lastOf(samples, 'drained, after a full GC'),
        afterResume: lastOf(samples, 'resumed'),
      },
      v8HeapAfterGcMiB: { subscribed: heapSubscribed, endOfWrites: heapDrained },
      machineTcpMiBPeak: maxTcp(samples),
      writes: {
        sent,
        durationS: Math.round(writeS * 10) / 10,
        mutationMs: { p50: percentile(sortedMutations, 50), p99: percentile(sortedMutations, 99) },
      },
      healthy: {
        clients: healthy.length,
        expected: sent * healthy.length,
        delivered: latencies.length,
        latencyMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
        closed: healthy.filter((c) => c.closeCode() !== undefined).length,
      },
      paused: {
        clients: paused.length,
        serverAtEndOfWrites: {
          openSockets: ws.livedoc_connections_open ?? NaN,
          droppedSlow: ws.livedoc_slow_clients_dropped_total ?? 0,
          closesByCode: closesByCode(metricsText),
          messagesSent: ws.livedoc_patch_messages_sent_total ?? NaN,
        },
        ...pausedOutcome(paused, fresh),
      },
      samples,
    };
  } finally {
    sampler.stop();
    for (const client of clients) client.close();
    await server.stop();
  }
}

/** The result of {@link runRevision}. */
export type RevisionResult = Awaited<ReturnType<typeof runRevision>>;
