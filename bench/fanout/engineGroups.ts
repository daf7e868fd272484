/**
 * Counts the live query engine's groups inside a livedoc server process, through its inspector: the
 * engine keeps no global handle and the benchmark does not change the server, so this finds the
 * engine's group class among the heap's functions (by name and its `pendingAll` accessor, see
 * server/live/liveQueryGroup.ts), lists its instances (Runtime.queryObjects walks the heap after a
 * full GC) and counts those not closed. Slow (a heap walk): only after a phase's measurements.
 */
import { openInspector, type InspectorSession } from './inspector.js';

/** The engine's groups, as far as a scenario is concerned. */
export interface EngineGroups {
  /** Open groups whose `variables.id` is one of the scenario's documents. */
  groups: number;
  /** Subscriptions (members) in those groups. */
  members: number;
  /** Every open group of the engine. */
  total: number;
}

/** Finds the group class among all functions; runs inside the server (a Function's `this` is the array). */
const FIND_GROUP_CLASS = `function () {
  return this.find((f) => {
    try {
      return f.name === 'Group' && typeof f.prototype === 'object' && Object.getOwnPropertyDescriptor(f.prototype, 'pendingAll')?.get !== undefined;
    } catch {
      return false;
    }
  });
}`;

/** Counts the open groups among the instances (`this`) and those of documents `ids`, with their members. */
const COUNT_GROUPS = `function (ids) {
  const wanted = new Set(ids);
  const counts = { groups: 0, members: 0, total: 0 };
  for (const group of this) {
    if (group.closed) continue;
    counts.total++;
    if (!group.variables || !wanted.has(group.variables.id)) continue;
    counts.groups++;
    const members = group.members;
    counts.members += members === undefined ? 0 : members instanceof Map ? members.size : 1;
  }
  return counts;
}`;

/** Reads the engine's groups of documents `ids` in the process behind `inspectorUrl`. */
export async function readEngineGroups(inspectorUrl: string, ids: readonly string[]): Promise<EngineGroups> {
  const session = await openInspector(inspectorUrl);
  const objectGroup = 'bench-engine-groups';
  try {
    const functionPrototype = await objectId(session, 'Runtime.evaluate', { expression: 'Function.prototype', objectGroup });
    const functions = await queryObjects(session, functionPrototype, objectGroup);
    const groupClass = await objectId(session, 'Runtime.callFunctionOn', { objectId: functions, functionDeclaration: FIND_GROUP_CLASS, objectGroup });
    const prototype = await objectId(session, 'Runtime.callFunctionOn', {
      objectId: groupClass,
      functionDeclaration: 'function () { return this.prototype; }',
      objectGroup,
    });
    const groups = await queryObjects(session, prototype, objectGroup);
    const counted = await session.call('Runtime.callFunctionOn', {
      objectId: groups,
      functionDeclaration: COUNT_GROUPS,
      arguments: [{ value: ids }],
      returnByValue: true,
    });
    return engineGroupsOf(remoteResult(counted).value);
  } finally {
    await session.call('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
    session.close();
  }
}

/** A remote object as the DevTools protocol describes it. */
interface RemoteObject {
  type?: string;
  subtype?: string;
  objectId?: string;
  value?: unknown;
  description?: string;
}

/** The `result` of an evaluation, or the exception it threw as an Error. */
function remoteResult(answer: Record<string, unknown>): RemoteObject {
  const details = answer.exceptionDetails as { exception?: RemoteObject; text?: string } | undefined;
  if (details) throw new Error(`inspector: ${details.exception?.description ?? details.text ?? 'exception'}`);
  return answer.result ?? {};
}

/** Calls `method` and returns the object id of its result (an object must come back). */
async function objectId(session: InspectorSession, method: string, params: Record<string, unknown>): Promise<string> {
  const result = remoteResult(await session.call(method, params));
  if (!result.objectId) throw new Error(`inspector: ${method} gave ${result.type ?? 'nothing'}${result.type === 'undefined' ? ' (no live query group class in the heap)' : ''}`);
  return result.objectId;
}

/** The array of every live object whose prototype chain holds `prototype`. */
async function queryObjects(session: InspectorSession, prototype: string, objectGroup: string): Promise<string> {
  const answer = await session.call('Runtime.queryObjects', { prototypeObjectId: prototype, objectGroup });
  const objects = answer.objects as RemoteObject | undefined;
  if (!objects?.objectId) throw new Error('inspector: queryObjects gave no array');
  return objects.objectId;
}

/** Checks the counts that came back over the wire. */
function engineGroupsOf(value: unknown): EngineGroups {
  const counts = value as Partial<Record<keyof EngineGroups, unknown>> | null;
  const { groups, members, total } = counts ?? {};
  if (typeof groups !== 'number' || typeof members !== 'number' || typeof total !== 'number') {
    throw new Error(`inspector: expected group counts, got ${JSON.stringify(value)}`);
  }
  return { groups, members, total };
}
