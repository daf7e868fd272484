/** What an engine test's subscriber receives, taken one by one: revisions checked, patches applied. */
import fastJsonPatch from 'fast-json-patch';
import { expect } from 'vitest';
import { toLiveResult, type JsonObject, type LiveResult, type LiveUpdate } from '../../../server/live/liveResult.js';
import { createQueue } from '../../support/waitFor.js';

/** A subscriber's received results and the state they build. */
export interface LiveStepper {
  /** Queues one received message (what a sink's `next` does). */
  push(revision: number, update: LiveUpdate): void;
  /** Takes the next message, checks its revision is previous + 1, applies it; returns it and the state. */
  next(): Promise<{ result: LiveResult; state: JsonObject | null }>;
  readonly state: JsonObject | null;
  /** Messages received and not taken yet. */
  readonly pending: number;
}

/** Creates an empty stepper. */
export function createLiveStepper(): LiveStepper {
  const queue = createQueue<LiveResult>();
  let state: JsonObject | null = null;
  let revision = 0;
  return {
    push: (r, update) => queue.push(toLiveResult(r, update)),
    async next() {
      const result = await queue.take(3_000, 'a live result');
      expect(result.revision).toBe(revision + 1);
      revision = result.revision;
      if ('data' in result) state = result.data;
      else state = fastJsonPatch.applyPatch(state, result.patch as fastJsonPatch.Operation[], true, false).newDocument;
      return { result, state };
    },
    get state() {
      return state;
    },
    get pending() {
      return queue.pending.length;
    },
  };
}
