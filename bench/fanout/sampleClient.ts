/**
 * The sample client of a scenario: applies every patch it receives with fast-json-patch, checks the
 * revisions, counts patch operations and bytes, and at the end compares its state with a fresh
 * execution of the same query.
 */
import fastJsonPatch, { type Operation } from 'fast-json-patch';
import type { NextPayload, SocketListener } from './liveSocket.js';
import type { Verification } from './types.js';

/** Tracks one subscription's reconstructed result. */
export interface SampleClient {
  /** Listener hooks to pass to openLiveSocket (chains to `inner` for the generator's own counting). */
  listener(inner: SocketListener): SocketListener;
  /** Starts counting patches (ops and bytes) from now on. */
  startCounting(): void;
  /** Patch statistics since {@link startCounting}. */
  patchStats(): { messages: number; ops: { mean: number; max: number } | null; patchBytes: number | null; messageBytes: number | null };
  /** Compares the reconstructed state with `fresh` (the data of a fresh execution). */
  verify(fresh: unknown): Verification;
}

/** Creates a sample client tracking subscription `id`. */
export function createSampleClient(id: string): SampleClient {
  let state: unknown = undefined;
  let revision = 0;
  const problems: string[] = [];
  let counting = false;
  let messages = 0;
  let opsTotal = 0;
  let opsMax = 0;
  let patchBytesTotal = 0;
  let messageBytesTotal = 0;

  function onParsedNext(subscription: string, payload: NextPayload, bytes: number): void {
    if (subscription !== id) return;
    if (payload.revision === 1 || (payload.revision === undefined && 'data' in payload)) {
      state = payload.data;
      revision = payload.revision ?? 1;
      return;
    }
    if (payload.revision !== revision + 1) problems.push(`revision ${payload.revision} after ${revision}`);
    revision = payload.revision ?? revision + 1;
    if (!Array.isArray(payload.patch)) {
      problems.push(`revision ${payload.revision} without a patch`);
      return;
    }
    const patch = payload.patch as Operation[];
    try {
      state = fastJsonPatch.applyPatch(state, patch, false, true).newDocument;
    } catch (error) {
      problems.push(`patch of revision ${payload.revision} does not apply: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!counting) return;
    messages++;
    opsTotal += patch.length;
    opsMax = Math.max(opsMax, patch.length);
    patchBytesTotal += Buffer.byteLength(JSON.stringify(patch));
    messageBytesTotal += bytes;
  }

  return {
    listener(inner) {
      return { onUpdate: inner.onUpdate, onParsedNext };
    },
    startCounting() {
      counting = true;
    },
    patchStats() {
      return {
        messages,
        ops: messages ? { mean: Math.round((opsTotal / messages) * 100) / 100, max: opsMax } : null,
        patchBytes: messages ? Math.round(patchBytesTotal / messages) : null,
        messageBytes: messages ? Math.round(messageBytesTotal / messages) : null,
      };
    },
    verify(fresh) {
      if (problems.length > 0) return { checked: true, ok: false, detail: problems.slice(0, 5).join('; ') };
      if (state === undefined) return { checked: true, ok: false, detail: 'no first result' };
      const same = canonicalJson(state) === canonicalJson(fresh);
      return {
        checked: true,
        ok: same,
        detail: same
          ? `state after ${revision} revisions equals a fresh execution`
          : `state differs from a fresh execution: ${canonicalJson(state).slice(0, 150)} vs ${canonicalJson(fresh).slice(0, 150)}`,
      };
    },
  };
}

/** JSON with object keys sorted, so key order (which patches may change) does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
      return sorted;
    }
    return item;
  });
}
