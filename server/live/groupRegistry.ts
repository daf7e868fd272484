/**
 * The engine's groups: a subscription joins the group of its key, created (and scheduled for its
 * first execution) by the first one; a group is disposed with its last member, releasing its timer,
 * queue entry, index entries and document id.
 */
import type { EngineState } from './engineState.js';
import { joinGroup, type LiveSubscriber, type LiveSubscription } from './groupMembers.js';
import { verifyResume } from './groupResume.js';
import type { LiveQueryRequest } from './liveQueryRequest.js';
import { createGroup, type LiveQueryGroup } from './liveQueryGroup.js';

/** The context of groups whose request brings no factory (shared, not one closure per group). */
const emptyContext = (): object => ({});

/**
 * Adds `subscriber` to the group of `request` (creating the group); returns its handle. Throws when
 * the engine is closed. The shared group of the request comes first: as long as its results never
 * read the viewer they are everyone's. Else the viewer's own group, or a new group, keyed as shared
 * until its first execution shows otherwise (viewerGroups.ts).
 */
export function subscribe(engine: EngineState, request: LiveQueryRequest, subscriber: LiveSubscriber): LiveSubscription {
  if (engine.closed) throw new Error('The live query engine is closed.');
  const viewer = request.viewer ?? '';
  const createContext = request.createContext ?? emptyContext;
  const sharedKey = engine.groupKeys.keyOf(request);
  const group =
    engine.groups.get(sharedKey) ?? engine.groups.get(engine.groupKeys.keyOf(request, viewer)) ?? openGroup(engine, request, sharedKey, undefined, viewer, createContext);
  const resumeFrom = request.resumeToken === undefined ? undefined : verifyResume(engine.resume, request, viewer, request.resumeToken);
  return joinGroup(group, subscriber, viewer, createContext, resumeFrom);
}

/** Creates and registers a group, scheduled for its first execution. */
export function openGroup(
  engine: EngineState,
  request: LiveQueryRequest,
  key: string,
  scope: string | undefined,
  viewer: string,
  createContext: () => object | Promise<object>,
): LiveQueryGroup {
  engine.groupKeys.retain(request.document);
  const group = createGroup({
    key,
    scope,
    viewer,
    document: request.document,
    operationName: request.operationName ?? undefined,
    variables: request.variables ?? undefined,
    throttleMs: request.throttleMs,
    createContext,
    onEmpty: engine.onEmpty,
    resume: engine.resume,
  });
  engine.groups.set(key, group);
  engine.scheduler.enqueue(group);
  return group;
}

/** Disposes a group: it runs and publishes no more, and nothing keeps it (idempotent). */
export function disposeGroup(engine: EngineState, group: LiveQueryGroup): void {
  if (group.closed) return; // close() disposed it already; its members' unsubscribes come after
  group.closed = true;
  engine.scheduler.cancel(group);
  engine.index.delete(group);
  if (engine.groups.get(group.key) === group) engine.groups.delete(group.key);
  engine.groupKeys.release(group.document);
}
