/**
 * One execution of a group, start to end: take its pending invalidations, re-resolve only what they
 * name (a partial run) or execute in full, let the scheduler drop a result that a newer invalidation
 * overtook, else index what the execution read and publish the change to every member.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import { compactResult } from './compactResult.js';
import type { EngineState } from './engineState.js';
import { indexTracking, trackingOf } from './groupTracking.js';
import { notePendingSince, nowMs, type LiveQueryGroup } from './liveQueryGroup.js';
import type { JsonObject, Patch } from './liveResult.js';
import { runPartially } from './partialRun.js';
import { publishPatch, publishResult } from './publishResult.js';
import { needsFullRun, settleRun, startRun, takePendingKeys } from './scheduler.js';
import { keepGuards, settleGuards, type RecordedGuards } from './keyGuards.js';
import { createCollector, withResourceCollector, type ResourceCollector } from './trackResources.js';
import { keepForItsViewer } from './viewerGroups.js';
import { trackViewerReads, type ViewerReads } from './viewerTracking.js';

/** What one execution produced: a full result, or a partial one with its patch already computed. */
type Outcome =
  | { kind: 'full'; result: ExecutionResult; collector?: ResourceCollector }
  | { kind: 'partial'; data: JsonObject; patch: Patch; keys: ReadonlySet<string>; guards: RecordedGuards | undefined };

/** Executes `group` once and publishes the result, unless the group closed or the result is stale. */
export async function runGroup(engine: EngineState, group: LiveQueryGroup): Promise<void> {
  if (group.closed) return;
  const runId = startRun(group);
  const token = engine.inFlight.begin();
  const all = needsFullRun(group);
  const keys = takePendingKeys(group);
  const since = group.pendingSince;
  group.pendingSince = 0;
  engine.executions++;
  let outcome: Outcome | undefined;
  const viewerReads: ViewerReads = { read: false };
  try {
    const context = trackViewerReads(await group.createContext(), engine.viewerField, viewerReads);
    if (!all && engine.loadObject && group.data && group.tracking) {
      const partial = await runPartially({
        schema: engine.schema,
        document: group.document,
        operationName: group.operationName,
        variables: group.variables,
        data: group.data,
        tracking: (group.tracking = indexTracking(group.tracking)),
        keys,
        context,
        loadObject: engine.loadObject,
        execute: engine.execute,
        rootedSchema: engine.rootedSchema,
        ownKeyedFields: engine.ownKeyedFields,
      });
      if (partial) outcome = { kind: 'partial', data: partial.data, patch: partial.patch, keys: partial.keys, guards: partial.guards };
    }
    if (!outcome) outcome = await runFully(engine, group, context);
  } catch (error) {
    engine.onExecutionError?.(error, group);
    // A live group keeps its last good result; a new one tells its subscribers what went wrong.
    if (group.revision === 0) outcome = { kind: 'full', result: { data: null, errors: [asGraphQLError(error)] } };
  }
  group.running = false;
  const read = outcome?.kind === 'partial' ? outcome.keys : outcome?.collector?.keys;
  const missed = engine.inFlight.end(token, read ?? new Set());
  // A partial run already changed the tracking, so a retry of one must be a full one.
  const verdict = settleRun(group, runId, missed, keys, all || outcome?.kind === 'partial', engine.maxOvertaken);
  if (verdict === 'drop') return;
  if (verdict === 'retry') {
    notePendingSince(group, since); // the retry answers the same invalidations
    engine.scheduler.requestRun(group);
    return;
  }
  // A result that read the viewer is its viewer's: the others move to groups of their own first.
  if (outcome && viewerReads.read && group.scope === undefined && !keepForItsViewer(engine, group)) return;
  if (outcome) publishOutcome(engine, group, outcome, since);
  else {
    group.pendingAll = true; // the execution failed: whatever it was asked to catch up on is still pending
    notePendingSince(group, since);
  }
  if (verdict === 'publishAndRerun') engine.scheduler.requestRun(group);
}

async function runFully(engine: EngineState, group: LiveQueryGroup, context: object): Promise<Outcome> {
  const collector = createCollector();
  const result = await engine.execute({
    schema: engine.schema,
    document: group.document,
    operationName: group.operationName,
    variableValues: group.variables,
    contextValue: withResourceCollector(context, collector),
  });
  return { kind: 'full', result, collector };
}

/**
 * Indexes what the execution read and publishes its result to the group's members; `invalidatedAt`
 * (when what it answers reached the engine) travels with the update to the transports.
 */
function publishOutcome(engine: EngineState, group: LiveQueryGroup, outcome: Outcome, invalidatedAt: number): void {
  if (outcome.kind === 'partial') {
    engine.partialExecutions++;
    // Keys no longer read stay indexed until the next full run: at most one needless re-run.
    engine.index.add(group, outcome.keys);
    keepGuards(group, outcome.guards, false);
    notePublished(engine, group, publishPatch(group, outcome.data, undefined, outcome.patch, '', invalidatedAt));
    return;
  }
  const errors = outcome.result.errors?.map(engine.formatError);
  if (outcome.collector) {
    group.tracking = trackingOf(outcome.collector);
    engine.index.set(group, outcome.collector.keys);
    keepGuards(group, settleGuards(outcome.collector.guards, outcome.collector.fieldReads), true);
  }
  const data = compactResult((outcome.result.data ?? null) as JsonObject | null);
  notePublished(engine, group, publishResult(group, data, errors, invalidatedAt));
}

/** Counts a published patch and starts the group's throttle window from now (nothing when it is empty). */
function notePublished(engine: EngineState, group: LiveQueryGroup, patch: Patch): void {
  if (patch.length === 0) return;
  engine.publishedPatches++;
  group.lastPublishAt = nowMs();
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error instanceof Error ? error.message : String(error), {
    originalError: error instanceof Error ? error : undefined,
  });
}
