/**
 * A live query over SSE as a test client sees it: `POST` with `accept: text/event-stream`, signed in
 * as the tests' viewer unless told otherwise; each `next` is checked (revision + 1) and applied, so
 * `state` is the first result with every patch so far.
 */
import fastJsonPatch from 'fast-json-patch';
import { expect } from 'vitest';
import type { JsonObject, LiveResult } from '../../server/live/liveResult.js';
import { authorizationOf, type As } from './clients.js';
import { readEventStream } from './eventStreamReader.js';

/** One open live stream. */
export interface LiveEventStream {
  /** The next result (heartbeats skipped), checked and applied; `'end'` when the stream ended. */
  next(timeoutMs?: number): Promise<LiveResult | 'end'>;
  /** Waits for the next heartbeat comment; fails when an event or the end comes first. */
  heartbeat(timeoutMs?: number): Promise<void>;
  readonly state: JsonObject | null;
  readonly revision: number;
  /** Goes away (the connection closes). */
  close(): Promise<void>;
}

/** Opens the stream at `url`; throws with the status and body when it is not a 200 event stream. */
export async function openLiveEventStream(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options: As & { headers?: Record<string, string> } = {},
): Promise<LiveEventStream> {
  const authorization = await authorizationOf(options);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`Expected a 200 event stream, but got ${response.status} ${response.headers.get('content-type')}: ${await response.text()}`);
  }
  const reader = readEventStream(response);
  let state: JsonObject | null = null;
  let revision = 0;
  return {
    async next(timeoutMs = 5_000) {
      const event = await reader.nextEvent(`revision ${revision + 1} over SSE`, timeoutMs);
      if (event === 'end') return 'end';
      expect(event.event).toBe('next');
      const result = JSON.parse(event.data ?? '') as LiveResult;
      expect(result.revision).toBe(revision + 1);
      expect(event.id).toBe(String(result.revision));
      revision = result.revision;
      if ('data' in result) state = result.data;
      else state = fastJsonPatch.applyPatch(state, result.patch as fastJsonPatch.Operation[], true, false).newDocument;
      return result;
    },
    async heartbeat(timeoutMs = 5_000) {
      const event = await reader.next('a heartbeat comment', timeoutMs);
      expect(event).toEqual({ comment: true });
    },
    get state() {
      return state;
    },
    get revision() {
      return revision;
    },
    // A stream cut off by the server has ended with an error, which cancelling repeats: it is closed all the same.
    close: () => reader.cancel().catch(() => {}),
  };
}
