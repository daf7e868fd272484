/**
 * Shapes shared by the reconnect-storm harness (bench/reconnectStorm.ts), its load generator child
 * process (loadGenerator.ts) and the report: what one storm asks for and what it measured.
 */
import type { Distribution } from '../fanout/types.js';

/** How clients re-subscribe after their instance went away. */
export type ReconnectMode = 'resume' | 'refetch';

/** Both modes, in the order a case runs them first. */
export const RECONNECT_MODES: readonly ReconnectMode[] = ['resume', 'refetch'];

/** The two live queries of the storm. */
export type QueryKind = 'document' | 'dataset';

/** The conditions of a storm, besides its mode. */
export interface StormCase {
  /** Unique within a run, e.g. `warm-writes`. */
  name: string;
  /** Instance B has live watchers of its own on both queries before the storm (its groups exist). */
  warmB: boolean;
  /** Writes made (through C) between A's SIGTERM and the first reconnect: the document's title, then a row's value, alternately. */
  writes: number;
}

/** The data every storm watches. */
export interface StormFixtures {
  documentId: string;
  /** Sections of the document. */
  sections: number;
  datasetId: string;
  rows: number;
  /** One row's id: the one written during outages. */
  rowId: string;
}

/** Everything the load generator needs for one storm. */
export interface StormTask {
  mode: ReconnectMode;
  stormCase: StormCase;
  /** Which run of the case this is (1-based; see --repeat). */
  repeat: number;
  fixtures: StormFixtures;
  documentClients: number;
  datasetClients: number;
  /** Instance A: every storm client starts there. */
  aWsUrl: string;
  aPid: number;
  /** Instance B: where every client reconnects; its CPU is measured. */
  bWsUrl: string;
  bPid: number;
  /** Instance C: the outage's writes and the fresh queries go there, so B's CPU is the storm's alone. */
  cHttpUrl: string;
  /** `client`: each client waits the first delay of client/backoff.ts (250–500 ms) before reconnecting, as the Node client and the urql exchange do; `0`: at once. */
  reconnectDelay: 'client' | 0;
  /** Open (and subscribe) this many clients at once while setting up on A. */
  setupConcurrency: number;
  /** Give up setting up after this long. */
  setupTimeoutMs: number;
  /** Give up waiting for every client to be live again this long after SIGTERM. */
  stormTimeoutMs: number;
  /** How long after the last client is live again B's CPU keeps being counted (trailing work, GC). */
  settleMs: number;
  /** Attempts per client to reach B before it gives up. */
  maxAttempts: number;
  /** The value written by this storm's writes (distinct per storm, so each write changes the data). */
  writeSeed: number;
}

/** Order statistics of a list of milliseconds. */
export type Timing = Distribution;

/** Counts of the first `next` each client got after re-subscribing. */
export interface AnswerCounts {
  full: number;
  patch: number;
  emptyPatch: number;
  /** An `error` message instead of a result (e.g. a rejected token). */
  error: number;
  /** No answer by the deadline. */
  none: number;
}

/** One query kind's share of a storm. */
export interface KindFigures {
  clients: number;
  /** Clients that had a token and sent it when re-subscribing. */
  tokensSent: number;
  answers: AnswerCounts;
  /** WebSocket frame bytes (payload + frame header) received from B by these clients, SIGTERM → settled. */
  bytes: number;
  /** Of which the answers (first `next`) alone. */
  answerBytes: number;
  /** Clients whose state equals a fresh query at the end. */
  verified: number;
}

/** What one storm measured. */
export interface StormResult {
  mode: ReconnectMode;
  caseName: string;
  repeat: number;
  warmB: boolean;
  writes: number;
  setup: {
    /** From the first socket opening on A to every client holding a result equal to a fresh query. */
    subscribeMs: number;
    /** Clients with a resume token at SIGTERM. */
    withToken: number;
    /** Longest token seen, in bytes. */
    maxTokenBytes: number;
  };
  /** How A let its clients go: close codes and when the last close arrived after SIGTERM. */
  aClose: { codes: Record<string, number>; lastCloseMs: number | null };
  /**
   * The outage, ms after SIGTERM: its writes made, then (when there were writes) the fresh results
   * read; clients reconnect once both are done (and their own delay has passed).
   */
  outage: { writesDoneMs: number; endMs: number };
  /** SIGTERM → every client live again (answered, state equal to a fresh query); null if some never were. */
  allLiveMs: number | null;
  /** The outage's end → every client live again. */
  allLiveAfterOutageMs: number | null;
  /** SIGTERM → each client live again. */
  liveMs: Timing;
  /** Connecting to B → re-subscribe sent (after `connection_ack`), per client. */
  connectMs: Timing;
  /** Re-subscribe sent → answer received, per client. */
  answerMs: Timing;
  notLive: number;
  /** Connection attempts to B beyond each client's first. */
  retries: number;
  /** Close codes of sockets to B that closed before their client was live (`no ack`: the client dropped it). */
  bCloseCodes: Record<string, number>;
  document: KindFigures;
  dataset: KindFigures;
  /** Totals over both kinds. */
  bytes: number;
  answers: AnswerCounts;
  tokensSent: number;
  verified: number;
  /** B's CPU (user + system) from SIGTERM to every client seen live, and to `settleMs` after that. */
  bCpuMs: { toLive: number | null; settled: number | null };
  /** The load generator's own CPU in the same window: near the window's length, the clients were the bottleneck. */
  generatorCpuMs: number;
  /** Bytes B handed to write()/writev() (clients, Redis, PostgreSQL, logs) in the same settled window, from /proc/<pid>/io. */
  bWriteSyscallBytes: number | null;
  bRssMiB: { before: number; after: number };
  /**
   * Connections the kernel turned away because a listen queue was full (TcpExt ListenOverflows,
   * machine-wide, same window): a client whose SYN is dropped retries it after 1 s, 3 s, 7 s…
   */
  listenOverflows: number | null;
  /** Protocol problems seen (revision gaps, patches that did not apply, unexpected messages), first few. */
  problems: string[];
  problemCount: number;
}

/** Harness → generator. */
export interface HarnessMessage {
  type: 'run';
  task: StormTask;
}

/** Generator → harness. */
export type GeneratorMessage = { type: 'result'; result: StormResult } | { type: 'failed'; error: string };
