/**
 * The live query engine: groups identical live queries, records what each read, re-executes a group
 * when one of its resources is invalidated, and publishes keyed JSON patches. It knows nothing of
 * sockets, HTTP or SQL: subscribers are objects with `next`, invalidations are strings.
 */
import {
  execute as graphqlExecute,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLError as GraphQLErrorClass,
} from 'graphql';
import { compactResult } from './compactResult.js';
import { createInFlightInvalidations } from './inFlightInvalidations.js';
import { createInvalidationIndex } from './invalidationIndex.js';
import {
  addPendingKey,
  createGroup,
  joinGroup,
  nowMs,
  memberCount,
  publishPatch,
  publishResult,
  type LiveQueryGroup,
  subscribersOf,
  type LiveSubscriber,
  type LiveSubscription,
} from './liveQueryGroup.js';
import { indexTracking, runPartially, schemaRootedAt, trackingOf, type ObjectLoader } from './partialRun.js';
import type { JsonObject, Patch } from './liveResult.js';
import { ALL_KEYS } from '../keys/resourceKeys.js';
import { createCollector, trackResources, withResourceCollector } from './trackResources.js';

/** A validated live query to subscribe to. */
export interface LiveQueryRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** From `@live(throttle:)`. */
  throttleMs: number;
  /** Separates groups that must not share results (e.g. per viewer); default: shared by all. */
  scope?: string;
  /** Builds the context of one execution; the group keeps the first subscriber's factory. */
  createContext?: () => object | Promise<object>;
}

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
}

/** The engine's public API. */
export interface LiveQueryEngine {
  /** Starts a live subscription; returns its handle, whose `unsubscribe()` ends it (idempotent). */
  subscribe(request: LiveQueryRequest, subscriber: LiveSubscriber): LiveSubscription;
  /** Marks resources as changed; groups that read any of them re-execute (coalesced: see `enqueue`). */
  invalidate(keys: Iterable<string>): void;
  /** Re-executes every group once (e.g. after missed invalidations). */
  invalidateAll(): void;
  stats(): LiveQueryEngineStats;
  /** Ends every subscription (calling `complete`) and releases every timer. */
  close(): void;
}

/** What one execution produced: a full result, or a partial one with its patch already computed. */
type Outcome =
  | { kind: 'full'; result: ExecutionResult; collector?: ReturnType<typeof createCollector> }
  | { kind: 'partial'; data: JsonObject; patch: Patch; keys: ReadonlySet<string> };

/** The context of groups whose request brings no factory (shared, not one closure per group). */
const emptyContext = (): object => ({});

/** The pending keys of a group that has none. */
const NO_KEYS: ReadonlySet<string> = new Set();

/** Creates an engine over `schema` (whose resolvers it instruments for resource tracking). */
export function createLiveQueryEngine(options: LiveQueryEngineOptions): LiveQueryEngine {
  const schema = trackResources(options.schema);
  const execute = options.execute ?? graphqlExecute;
  const formatError = options.formatError ?? ((error: GraphQLError) => error.toJSON());
  const maxOvertaken = options.maxOvertaken ?? 3;
  const groups = new Map<string, LiveQueryGroup>();
  const index = createInvalidationIndex<LiveQueryGroup>();
  const inFlight = createInFlightInvalidations();
  const queue = new Set<LiveQueryGroup>();
  /** A flush is queued (as a microtask: see {@link enqueue}). */
  let flushQueued = false;
  let executions = 0;
  let partialExecutions = 0;
  let publishedPatches = 0;
  const ownKeyedFields = fieldsByType(options.ownKeyedFields ?? []);
  const rootedSchemas = new Map<string, GraphQLSchema>();
  const rootedSchema = (type: GraphQLObjectType) => {
    let rooted = rootedSchemas.get(type.name);
    if (!rooted) rootedSchemas.set(type.name, (rooted = schemaRootedAt(schema, type)));
    return rooted;
  };
  let closed = false;

  // Parsers cache documents, so thousands of watchers of one query share one DocumentNode: print once.
  // Group keys name the printed document by a small id instead of embedding it: one copy of the text,
  // however many groups (each on its own variables) run it.
  const printed = new WeakMap<DocumentNode, string>();
  const documentIds = new Map<string, { id: number; groups: number }>();
  let nextDocumentId = 0;

  function sourceOf(document: DocumentNode): string {
    let source = printed.get(document);
    if (source === undefined) printed.set(document, (source = print(document)));
    return source;
  }

  /** The id of a document's text; an entry with no groups is created here and counted by the caller. */
  function documentEntry(document: DocumentNode): { id: number; groups: number } {
    const source = sourceOf(document);
    let entry = documentIds.get(source);
    if (!entry) documentIds.set(source, (entry = { id: nextDocumentId++, groups: 0 }));
    return entry;
  }

  /**
   * `docId|throttle|"scope"|operation|{variables}`: unambiguous (the scope is a JSON string, an
   * operation name has no `|`, the variables come last), and one flat string (`join`; JSON.stringify
   * and `+` make ropes), since every group keeps its key.
   */
  function groupKey(request: LiveQueryRequest, documentId: number): string {
    const scope = JSON.stringify(request.scope ?? '');
    const variables = JSON.stringify(request.variables ?? {});
    return [documentId, request.throttleMs, scope, request.operationName ?? '', variables].join('|');
  }

  /** Forgets a document's id with its last group, so distinct documents do not accumulate. */
  function releaseDocumentId(document: DocumentNode): void {
    const source = sourceOf(document);
    const entry = documentIds.get(source);
    if (entry && --entry.groups <= 0) documentIds.delete(source);
  }

  function subscribe(request: LiveQueryRequest, subscriber: LiveSubscriber): LiveSubscription {
    if (closed) throw new Error('The live query engine is closed.');
    const document = documentEntry(request.document);
    const key = groupKey(request, document.id);
    let group = groups.get(key);
    if (!group) {
      document.groups++;
      group = createGroup({
        key,
        document: request.document,
        operationName: request.operationName ?? undefined,
        variables: request.variables ?? undefined,
        throttleMs: request.throttleMs,
        createContext: request.createContext ?? emptyContext,
        onEmpty: disposeGroup,
      });
      groups.set(key, group);
      enqueue(group);
    }
    return joinGroup(group, subscriber);
  }

  function disposeGroup(group: LiveQueryGroup): void {
    if (group.closed) return; // close() disposed it already; its members' unsubscribes come after
    group.closed = true;
    if (group.timer) clearTimeout(group.timer);
    group.timer = undefined;
    queue.delete(group);
    index.delete(group);
    groups.delete(group.key);
    releaseDocumentId(group.document);
  }

  function invalidate(keys: Iterable<string>): void {
    if (closed) return;
    const list = [...keys];
    inFlight.record(list);
    const affected = new Set<LiveQueryGroup>();
    const hit = new Set<LiveQueryGroup>();
    for (const key of list) {
      if (key === ALL_KEYS) {
        invalidateAll();
        return;
      }
      hit.clear();
      index.collect(key, hit);
      for (const group of hit) {
        addPendingKey(group, key);
        affected.add(group);
      }
    }
    for (const group of affected) requestRun(group);
  }

  function invalidateAll(): void {
    if (closed) return;
    inFlight.record([ALL_KEYS]);
    for (const group of groups.values()) {
      group.pendingAll = true;
      requestRun(group);
    }
  }

  /** Schedules an execution, honouring the throttle; coalesces with one already scheduled. */
  function requestRun(group: LiveQueryGroup): void {
    if (group.closed) return;
    if (group.running) {
      group.rerun = true;
      return;
    }
    if (group.timer || group.queued) return;
    // Both bounds: executions start at most once per window, and published updates are a full
    // window apart even when one execution took longer than the next.
    const wait = group.throttleMs > 0 ? Math.max(group.lastRunAt, group.lastPublishAt) + group.throttleMs - performance.now() : 0;
    if (wait > 0) {
      group.timer = setTimeout(() => {
        group.timer = undefined;
        enqueue(group);
      }, wait);
      return;
    }
    enqueue(group);
  }

  /**
   * Queues a group for the next flush. The flush is a microtask: it runs as soon as the code that
   * invalidated returns — everything invalidated together (one notification's keys, one write's
   * records) in one flush — and before the writer's own response is sent: the update reaches
   * watchers one event-loop turn sooner than with a macrotask. Invalidations arriving later while a
   * group runs mark it for one more run.
   */
  function enqueue(group: LiveQueryGroup): void {
    group.queued = true;
    queue.add(group);
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(flush);
  }

  function flush(): void {
    flushQueued = false;
    if (closed) return;
    const batch = [...queue];
    queue.clear();
    for (const group of batch) {
      group.queued = false;
      void run(group);
    }
  }

  async function run(group: LiveQueryGroup): Promise<void> {
    if (group.closed) return;
    const runId = ++group.runCounter;
    const token = inFlight.begin();
    group.running = true;
    group.rerun = false;
    group.lastRunAt = nowMs();
    const all = group.pendingAll || group.revision === 0 || !group.tracking || !!group.errors;
    const keys: ReadonlySet<string> = group.pendingKeys ?? NO_KEYS;
    group.pendingAll = false;
    group.pendingKeys = undefined;
    executions++;
    let outcome: Outcome | undefined;
    try {
      const context = await group.createContext();
      if (!all && options.loadObject && group.data && group.tracking) {
        const partial = await runPartially({
          schema,
          document: group.document,
          operationName: group.operationName,
          variables: group.variables,
          data: group.data,
          tracking: (group.tracking = indexTracking(group.tracking)),
          keys,
          context,
          loadObject: options.loadObject,
          execute,
          rootedSchema,
          ownKeyedFields,
        });
        if (partial) outcome = { kind: 'partial', data: partial.data, patch: partial.patch, keys: partial.keys };
      }
      if (!outcome) outcome = await runFully(group, context);
    } catch (error) {
      options.onExecutionError?.(error, group);
      // A live group keeps its last good result; a new one tells its subscribers what went wrong.
      if (group.revision === 0) outcome = { kind: 'full', result: { data: null, errors: [asGraphQLError(error)] } };
    }
    group.running = false;
    const read = outcome?.kind === 'partial' ? outcome.keys : outcome?.collector?.keys;
    const missed = inFlight.end(token, read ?? new Set());
    if (group.closed || runId !== group.runCounter) return;
    if (missed.length > 0) {
      // Written while this execution ran, to something it read but was not yet indexed under.
      group.rerun = true;
      if (missed[0] === ALL_KEYS) group.pendingAll = true;
      else for (const key of missed) addPendingKey(group, key);
    }
    const overtaken = group.rerun;
    if (overtaken && group.overtaken < maxOvertaken && group.revision > 0) {
      // A newer invalidation arrived mid-execution: this result may already be stale. A partial run
      // already changed the tracking, so the retry must be a full one.
      group.overtaken++;
      for (const key of keys) addPendingKey(group, key);
      group.pendingAll ||= all || outcome?.kind === 'partial';
      requestRun(group);
      return;
    }
    group.overtaken = 0;
    if (outcome?.kind === 'partial') {
      partialExecutions++;
      // Keys no longer read stay indexed until the next full run: at most one needless re-run.
      index.add(group, outcome.keys);
      const patch = publishPatch(group, outcome.data, undefined, outcome.patch);
      if (patch.length > 0) {
        publishedPatches++;
        group.lastPublishAt = nowMs();
      }
    } else if (outcome) {
      const errors = outcome.result.errors?.map(formatError);
      if (outcome.collector) {
        group.tracking = trackingOf(outcome.collector);
        index.set(group, outcome.collector.keys);
      }
      const data = compactResult((outcome.result.data ?? null) as JsonObject | null);
      const patch = publishResult(group, data, errors);
      if (patch.length > 0) {
        publishedPatches++;
        group.lastPublishAt = nowMs();
      }
    } else {
      // The execution failed: whatever it was asked to catch up on is still pending.
      group.pendingAll = true;
    }
    if (overtaken) requestRun(group);
  }

  async function runFully(group: LiveQueryGroup, context: object): Promise<Outcome> {
    const collector = createCollector();
    const result = await execute({
      schema,
      document: group.document,
      operationName: group.operationName,
      variableValues: group.variables,
      contextValue: withResourceCollector(context, collector),
    });
    return { kind: 'full', result, collector };
  }

  function stats(): LiveQueryEngineStats {
    let subscribers = 0;
    let pendingTimers = 0;
    for (const group of groups.values()) {
      subscribers += memberCount(group);
      if (group.timer) pendingTimers++;
    }
    return {
      groups: groups.size,
      subscribers,
      indexedKeys: index.size,
      pendingTimers: pendingTimers + (flushQueued && queue.size > 0 ? 1 : 0),
      executions,
      partialExecutions,
      publishedPatches,
    };
  }

  function close(): void {
    if (closed) return;
    closed = true;
    queue.clear(); // a queued flush finds nothing to run
    for (const group of [...groups.values()]) {
      const members = subscribersOf(group);
      disposeGroup(group);
      for (const subscriber of members) subscriber.complete?.();
    }
  }

  return { subscribe, invalidate, invalidateAll, stats, close };
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLErrorClass) return error;
  return new GraphQLErrorClass(error instanceof Error ? error.message : String(error), {
    originalError: error instanceof Error ? error : undefined,
  });
}

/** `Type.field` names grouped by type; throws on a name without a dot (a programming error). */
function fieldsByType(names: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const byType = new Map<string, string[]>();
  for (const name of names) {
    const dot = name.indexOf('.');
    if (dot <= 0 || dot === name.length - 1) throw new Error(`ownKeyedFields: expected "Type.field", got "${name}"`);
    const type = name.slice(0, dot);
    const list = byType.get(type) ?? [];
    list.push(name.slice(dot + 1));
    byType.set(type, list);
  }
  return byType;
}
