/**
 * The engine's groups: a subscription joins the group of its key, created (and scheduled for its
 * first execution) by the first one; a group is disposed with its last member, releasing its timer,
 * queue entry, index entries and document id.
 */
import type { EngineState } from './engineState.js';
import { joinGroup, type LiveSubscriber, type LiveSubscription } from './groupMembers.js';
import type { LiveQueryRequest } from './liveQueryRequest.js';
import { createGroup, type LiveQueryGroup } from './liveQueryGroup.js';

/** The context of groups whose request brings no factory (shared, not one closure per group). */
const emptyContext = (): object => ({});

/**
 * Adds `subscriber` to the group of `request` (creating the group); returns its handle. Throws when
 * the engine is closed.
 */
export function subscribe(engine: EngineState, request: LiveQueryRequest, subscriber: LiveSubscriber): LiveSubscription {
  if (engine.closed) throw new Error('The live query engine is closed.');
  const key = engine.groupKeys.keyOf(request);
  let group = engine.groups.get(key);
  if (!group) {
    engine.groupKeys.retain(request.document);
    group = createGroup({
      key,
      document: request.document,
      operationName: request.operationName ?? undefined,
      variables: request.variables ?? undefined,
      throttleMs: request.throttleMs,
      createContext: request.createContext ?? emptyContext,
      onEmpty: engine.onEmpty,
    });
    engine.groups.set(key, group);
    engine.scheduler.enqueue(group);
  }
  return joinGroup(group, subscriber);
}

/** Disposes a group: it runs and publishes no more, and nothing keeps it (idempotent). */
export function disposeGroup(engine: EngineState, group: LiveQueryGroup): void {
  if (group.closed) return; // close() disposed it already; its members' unsubscribes come after
  group.closed = true;
  engine.scheduler.cancel(group);
  engine.index.delete(group);
  engine.groups.delete(group.key);
  engine.groupKeys.release(group.document);
}
