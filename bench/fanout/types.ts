/**
 * Shapes shared by the fan-out harness (bench/fanout.ts), its load generator child process and the
 * report writers: what a scenario asks for, and what one server's run of it measured.
 */
import type { EngineGroups } from './engineGroups.js';

/** The three servers measured side by side. */
export type ServerKind = 'livedoc' | 'peer' | 'raw';

/** All server kinds in the order they run within a session group (raw last: it copies livedoc's message size). */
export const SERVER_KINDS: readonly ServerKind[] = ['livedoc', 'peer', 'raw'];

/**
 * Who the watchers are, on livedoc (the peers have no viewers): anonymous (the default) on PUBLIC
 * data, or `distinct`: socket i signs in as its own viewer i.
 */
export type ViewerMode = 'anonymous' | 'distinct';

/**
 * How the watchers are live, on livedoc: graphql-ws over WebSocket (the default, every server), or
 * GraphQL over SSE, one HTTP/1.1 connection per live query (livedoc only: the peers have no SSE).
 */
export type LiveTransport = 'ws' | 'sse';

/** What every scenario has. */
interface ScenarioBase {
  /** Unique within a run; keys the results. */
  name: string;
  /** How long the subscribed server idles before RSS and idle CPU are read. */
  settleMs: number;
  /** Servers that run it; default all three. */
  servers?: readonly ServerKind[];
  /** How the watchers are live; default ws. */
  transport?: LiveTransport;
}

/** N clients live on one document; one title update every `intervalMs`. */
export interface OneDocScenario extends ScenarioBase {
  kind: 'oneDoc';
  /** Distinct: each socket signs in as its own viewer; the document stays PUBLIC. */
  viewers?: ViewerMode;
  watchers: number;
  /**
   * Live queries per socket (default 1), as subscriptions "1", "2", …: 20,000 watchers need 10,000
   * sockets of 2, since a process here may hold at most 20,000 descriptors.
   */
  watchersPerSocket?: number;
  updates: number;
  intervalMs: number;
}

/** N clients, each live on its own document; rounds of `writesPerRound` concurrent writes to distinct documents. */
export interface OwnDocScenario extends ScenarioBase {
  kind: 'ownDoc';
  /**
   * Distinct: each socket signs in as its own viewer, who creates its document (PRIVATE to it) and
   * writes it; anonymous: the writer creates every document PUBLIC and writes them all.
   */
  viewers?: ViewerMode;
  watchers: number;
  rounds: number;
  writesPerRound: number;
  /** Writes per request, as aliases of one mutation (default 1: a request per write). */
  writesPerRequest?: number;
  /**
   * Sustained instead of rounds: `inFlight` request loops write for this long, each sending its next
   * request once the previous one is answered; at most `rounds × writesPerRound` writes.
   */
  sustainedMs?: number;
  /** Requests in flight in the sustained mode (default 4). */
  inFlight?: number;
}

/** `watchers` clients live on a dataset of `rows` rows (rows and summary); one setRowValue per update. */
export interface DatasetScenario extends ScenarioBase {
  kind: 'dataset';
  rows: number;
  watchers: number;
  updates: number;
}

/** `liveQueries` live queries, each on its own document, multiplexed over `sockets` sockets; no updates. */
export interface IdleScenario extends ScenarioBase {
  kind: 'idle';
  liveQueries: number;
  sockets: number;
}

/** A document with `sections` sections; each update inserts one section at the head. */
export interface InsertHeadScenario extends ScenarioBase {
  kind: 'insertHead';
  sections: number;
  watchers: number;
  inserts: number;
}

/** One measurement scenario. */
export type Scenario = OneDocScenario | OwnDocScenario | DatasetScenario | IdleScenario | InsertHeadScenario;

/** Scenarios run one after the other against one server process. */
export interface Session {
  /** Names the session in logs and results. */
  name: string;
  scenarios: Scenario[];
  /** Record livedoc's CPU profile of each scenario's update phase into `<dir>/<scenario>.cpuprofile`. */
  cpuProfileDir?: string;
}

/** What the harness hands the load generator for one server process. */
export interface GeneratorTask {
  server: ServerKind;
  httpUrl: string;
  wsUrl: string;
  serverPid: number;
  /** The server's inspector, for forcing a GC before memory readings; null when not available. */
  inspectorUrl: string | null;
  clockTicksPerSecond: number;
  scenarios: Scenario[];
  /** Raw floor only: per scenario name, the `next` message size (bytes) livedoc sent, to pad to. */
  floorMessageBytes: Record<string, number>;
  /** Hard limit for the whole task. */
  deadlineMs: number;
  /** Quick run: shorter waits around memory readings. */
  quick: boolean;
  /** Record the server's CPU profile of each update phase (through the inspector) into `<dir>/<scenario>.cpuprofile`. */
  cpuProfileDir: string | null;
}

/** Messages from the load generator to the harness. */
export type GeneratorMessage =
  | { type: 'result'; result: ScenarioResult }
  | { type: 'done' }
  | { type: 'failed'; error: string };

/** Messages from the harness to the load generator. */
export type HarnessMessage = { type: 'run'; task: GeneratorTask };

/** Order statistics of a sample, in milliseconds. */
export interface Distribution {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

/** Server CPU over the update phase, from /proc/<pid>/stat (utime+stime) and, finer, schedstat. */
export interface CpuMeasurement {
  /** (utime+stime) ticks over the phase, in ms; resolution 1000/CLK_TCK ms. */
  totalMs: number;
  /** totalMs divided by the number of updates (or rounds). */
  perUpdateMs: number;
  /** The same from the sum of /proc/<pid>/task/* /schedstat run times (ns resolution), when readable. */
  schedstatPerUpdateMs: number | null;
  /** CPU of the idle server (after subscribing, before updates), ms per second: keep-alive pings, timers. */
  idleMsPerSecond: number;
  /** perUpdateMs minus the idle rate times the phase length / updates (what the updates themselves cost). */
  netPerUpdateMs: number;
  phaseMs: number;
}

/** Memory of the server process, each reading taken right after a forced full GC (when possible). */
export interface MemoryMeasurement {
  /** Whether a full GC was forced (through the inspector) before each reading. */
  gcForced: boolean;
  /** VmRSS before subscribing (after creating the scenario's data). */
  idleBytes: number;
  /** VmRSS after every live query is subscribed and the server settled. */
  subscribedBytes: number;
  /** (subscribed − idle) / live queries subscribed. */
  perLiveQueryBytes: number;
  /** V8 heap used before subscribing and after, and the difference per live query (null without the inspector). */
  heapIdleBytes: number | null;
  heapSubscribedBytes: number | null;
  heapPerLiveQueryBytes: number | null;
}

/** Correctness of one sample client: its patched state against a fresh execution at the end. */
export interface Verification {
  checked: boolean;
  ok: boolean;
  detail: string;
}

/** What one server's run of one scenario measured. */
export interface ScenarioResult {
  scenario: string;
  kind: Scenario['kind'];
  server: ServerKind;
  clients: number;
  liveQueries: number;
  /** All live queries got their first result. */
  allSubscribed: boolean;
  subscribedCount: number;
  subscribeAllMs: number;
  /** Updates sent (for ownDoc: writes). */
  updates: number;
  rounds: number | null;
  expectedDeliveries: number;
  delivered: number;
  /** Send → the last client's receipt, per update (ownDoc: per round), over updates every client received. */
  fanoutMs: Distribution;
  /** Send → receipt, per client and update. */
  latencyMs: Distribution;
  /** The writer's mutation round trips (send → HTTP response): how much of the latency is the write path. */
  writeMs: Distribution;
  cpu: CpuMeasurement | null;
  memory: MemoryMeasurement;
  /**
   * Bytes received in the update phase, per update (ownDoc: per write) per receiving client: WebSocket
   * message payloads, or whole SSE events (`event:`, `id:` and `data:` lines).
   */
  bytesPerUpdatePerClient: number | null;
  messagesPerUpdatePerClient: number | null;
  /** From the sample client: JSON Patch operations per patch message. */
  patchOps: { mean: number; max: number } | null;
  /** From the sample client: bytes of the `patch` array as JSON, mean per patch message. */
  patchBytes: number | null;
  /** Mean bytes of one whole `next` message carrying a patch (sample client). */
  messageBytes: number | null;
  verification: Verification;
  errors: string[];
  notes: string[];
  /** Who the watchers were (absent in results from before viewers: anonymous). */
  viewers?: ViewerMode;
  /** How the watchers were live (absent in results from before SSE: ws). */
  transport?: LiveTransport;
  /** ownDoc: writes per round (CPU per write is CPU per round divided by it). */
  writesPerRound?: number;
  /** ownDoc, sustained: acknowledged writes per second over the phase (CPU is then per write). */
  writesPerSecond?: number;
  /**
   * livedoc: the engine's open groups of the scenario's documents after the update phase, read
   * through the inspector (engineGroups.ts); null when unreadable, absent for other servers.
   */
  engineGroups?: EngineGroups | null;
}
