/**
 * The live query engine: groups identical live queries, records what each read, re-executes a group
 * when one of its resources is invalidated, and publishes keyed JSON patches. It knows nothing of
 * sockets, HTTP or SQL: subscribers are objects with `next`, invalidations are strings.
 *
 * This module composes the parts: group keys (`groupKeys.ts`) and groups (`groupRegistry.ts`,
 * `liveQueryGroup.ts`, `groupMembers.ts`), the invalidation index and in-flight log, the scheduler
 * (`scheduler.ts`), executions (`runGroup.ts`, `partialRun.ts`) and publishing (`publishResult.ts`).
 */
import {
  execute as graphqlExecute,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { EngineState } from './engineState.js';
import { createGroupKeys } from './groupKeys.js';
import { memberCount, subscribersOf, type LiveSubscriber, type LiveSubscription } from './groupMembers.js';
import { disposeGroup, subscribe } from './groupRegistry.js';
import { createInFlightInvalidations } from './inFlightInvalidations.js';
import { invalidate, invalidateAll } from './invalidateGroups.js';
import { createInvalidationIndex } from './invalidationIndex.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';
import type { LiveQueryRequest } from './liveQueryRequest.js';
import type { ObjectLoader } from './partialRun.js';
import { pausedMembers } from './pausedMembers.js';
import { createResumeContext, type LiveResumeOptions, type ResumeCounts } from './groupResume.js';
import { ownKeyedFieldsByType } from './planTargets.js';
import { createRootedSchemas } from './rootedSchemas.js';
import { runGroup } from './runGroup.js';
import { createScheduler } from './scheduler.js';
import { trackResources } from './trackResources.js';

/** The subscriber side of the API and the object loader, so that other folders import the engine from here. */
export type { LiveQueryRequest };
export type { LiveSubscriber, LiveSubscription } from './groupMembers.js';
export type { ObjectLoader } from './partialRun.js';
export { hasOwnResolver, markDefaultResolver } from './trackResources.js';
export { DEFAULT_RESUME_LOG_BYTES, DEFAULT_RESUME_LOG_ENTRIES, type LiveResumeOptions } from './groupResume.js';


/** Options of {@link createLiveQueryEngine}. */
export interface LiveQueryEngineOptions {
  schema: GraphQLSchema;
  /** Executes one operation; default graphql-js `execute`. */
  execute?: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
  /** Turns an execution's errors into what clients see (masking belongs here). */
  formatError?: (error: GraphQLError) => GraphQLFormattedError;
  /** Called with an execution that threw; the group keeps its last result and stays live. */
  onExecutionError?: (error: unknown, group: { key: string }) => void;
  /**
   * Loads one object by type name and id. With it, a group whose invalidated keys all name objects
   * (or fields of objects) in its result re-resolves only those; without it, groups always re-execute
   * in full.
   */
  loadObject?: ObjectLoader;
  /**
   * Fields (`Type.field`) whose value changes only when their own field key `Type:id.field` is
   * invalidated (or an object inside them changes, which has its own key): a partial run for
   * `Type:id` alone keeps their previous value instead of resolving them again. A promise of the
   * store's change feed (e.g. `Document.sections`: every change to a document's list of sections
   * also announces `Document:<id>.sections`); a field listed without that promise goes stale.
   */
  ownKeyedFields?: readonly string[];
  /**
   * After this many consecutive executions overtaken by newer invalidations, publish the newest
   * complete result anyway, so a query on constantly changing data still makes progress. Default 3.
   */
  maxOvertaken?: number;
  /**
   * The context field holding who asks (e.g. `viewer`). An execution that reads it produced a result
   * for that viewer alone: its group is split per viewer scope (`LiveQueryRequest.viewer`). Results
   * that never read it stay shared by every viewer. Without it, every result is shared.
   */
  viewerField?: string;
  /** Resume tokens and the per-group patch log (docs/protocol.md, "Resume"). */
  resume?: LiveResumeOptions;
}

/** Counters for leak checks and metrics. */
export interface LiveQueryEngineStats {
  groups: number;
  subscribers: number;
  indexedKeys: number;
  pendingTimers: number;
  executions: number;
  /** Of `executions`, how many re-resolved only the invalidated objects or fields. */
  partialExecutions: number;
  publishedPatches: number;
  /** Subscribers paused because their client is not reading (see `LiveSubscriber.next`). */
  pausedSubscribers: number;
  /** Results kept only for paused subscribers: at most one per paused subscriber, whatever the write rate. */
  heldResults: number;
  /** Subscribers that came with a resume token, by what they got (docs/protocol.md, "Resume"). */
  resumes: ResumeCounts;
}

/** The engine's public API. */
export interface LiveQueryEngine {
  /** Starts a live subscription; returns its handle, whose `unsubscribe()` ends it (idempotent). */
  subscribe(request: LiveQueryRequest, subscriber: LiveSubscriber): LiveSubscription;
  /**
   * Marks resources as changed; groups that read any of them re-execute (coalesced per tick: see
   * `scheduler.ts`). `details` may describe the change of a key, for the guards of the reads of that
   * key (keyGuards.ts); a key without one reaches every group that read it.
   */
  invalidate(keys: Iterable<string>, details?: ReadonlyMap<string, unknown>): void;
  /** Re-executes every group once (e.g. after missed invalidations). */
  invalidateAll(): void;
  stats(): LiveQueryEngineStats;
  /** Ends every subscription (calling `complete`) and releases every timer. */
  close(): void;
}

/** Creates an engine over `schema` (whose resolvers it instruments for resource tracking). */
export function createLiveQueryEngine(options: LiveQueryEngineOptions): LiveQueryEngine {
  const schema = trackResources(options.schema);
  const groupKeys = createGroupKeys();
  const engine: EngineState = {
    schema,
    execute: options.execute ?? graphqlExecute,
    formatError: options.formatError ?? ((error: GraphQLError) => error.toJSON()),
    onExecutionError: options.onExecutionError,
    loadObject: options.loadObject,
    ownKeyedFields: ownKeyedFieldsByType(options.ownKeyedFields ?? []),
    rootedSchema: createRootedSchemas(schema),
    maxOvertaken: options.maxOvertaken ?? 3,
    viewerField: options.viewerField,
    groups: new Map<string, LiveQueryGroup>(),
    groupKeys,
    resume: createResumeContext(options.resume, groupKeys.sourceOf),
    index: createInvalidationIndex<LiveQueryGroup>(),
    inFlight: createInFlightInvalidations(),
    scheduler: createScheduler((group) => runGroup(engine, group)),
    onEmpty: (group) => disposeGroup(engine, group),
    executions: 0,
    partialExecutions: 0,
    publishedPatches: 0,
    closed: false,
  };
  return {
    subscribe: (request, subscriber) => subscribe(engine, request, subscriber),
    invalidate: (keys, details) => invalidate(engine, keys, details),
    invalidateAll: () => invalidateAll(engine),
    stats: () => stats(engine),
    close: () => close(engine),
  };
}

function stats(engine: EngineState): LiveQueryEngineStats {
  let subscribers = 0;
  let pendingTimers = 0;
  for (const group of engine.groups.values()) {
    subscribers += memberCount(group);
    if (group.timer) pendingTimers++;
  }
  return {
    groups: engine.groups.size,
    subscribers,
    indexedKeys: engine.index.size,
    pendingTimers: pendingTimers + (engine.scheduler.flushPending ? 1 : 0),
    executions: engine.executions,
    partialExecutions: engine.partialExecutions,
    publishedPatches: engine.publishedPatches,
    ...pausedMembers(engine.groups.values()),
    resumes: { ...engine.resume.counts },
  };
}

function close(engine: EngineState): void {
  if (engine.closed) return;
  engine.closed = true;
  engine.scheduler.close();
  for (const group of [...engine.groups.values()]) {
    const members = subscribersOf(group);
    disposeGroup(engine, group);
    for (const subscriber of members) subscriber.complete?.();
  }
}
