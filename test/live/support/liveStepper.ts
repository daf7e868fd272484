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
  /** The resume token of the last message taken. */
  readonly token: string | undefined;
  /** Messages received and not taken yet. */
  readonly pending: number;
}

/** Creates a stepper: empty, or holding a state at a revision (a client resuming). */
export function createLiveStepper(from?: { state: JsonObject | null; revision: number }): LiveStepper {
  const queue = createQueue<LiveResult>();
  let state: JsonObject | null = from?.state ?? null;
  let revision = from?.revision ?? 0;
  let token: string | undefined;
  let taken = 0;
  return {
    push: (r, update) => queue.push(toLiveResult(r, update)),
    async next() {
      // The token is checked apart: results compare as the protocol's data and patches.
      const { extensions, ...result } = await queue.take(3_000, 'a live result');
      token = extensions?.live?.resume;
      // A resuming client's first message may be a whole result (the server could not place its state).
      const restart = 'data' in result && from !== undefined && taken === 0;
      expect(result.revision).toBe(restart ? 1 : revision + 1);
      taken++;
      revision = result.revision;
      if ('data' in result) state = result.data;
      else state = fastJsonPatch.applyPatch(state, result.patch as fastJsonPatch.Operation[], true, false).newDocument;
      return { result, state };
    },
    get state() {
      return state;
    },
    get token() {
      return token;
    },
    get pending() {
      return queue.pending.length;
    },
  };
}

/** A result without its resume token (`extensions`), as tests compare them. */
export function withoutToken(result: LiveResult): LiveResult {
  const { extensions: _token, ...rest } = result;
  return rest;
}
