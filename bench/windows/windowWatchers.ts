/**
 * Watchers of one live window: sockets each holding the same live query (one group on the server),
 * recording every update they get (when, how many bytes, the parsed payload).
 */
import { openLiveSocket, type LiveSocket, type NextPayload } from '../fanout/liveSocket.js';
import { waitUntil } from '../fanout/stats.js';

/** One update as a watcher received it. */
export interface ReceivedUpdate {
  watcher: number;
  at: number;
  bytes: number;
  payload: NextPayload;
}

/** The watchers of one window. */
export interface WindowWatchers {
  /** Every update after the first result, in arrival order. */
  readonly updates: ReceivedUpdate[];
  /** The first result's size in bytes, and its payload (of watcher 0). */
  readonly firstBytes: number;
  readonly firstPayload: NextPayload | undefined;
  /** Waits until `count` updates have arrived in all (false after `timeoutMs`). */
  waitForUpdates(count: number, timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** Opens `count` sockets to `wsUrl`, each subscribing `query` with `variables`; resolves once all have their first result. */
export async function watchWindow(wsUrl: string, count: number, query: string, variables: Record<string, unknown>): Promise<WindowWatchers> {
  const updates: ReceivedUpdate[] = [];
  let firstBytes = 0;
  let firstPayload: NextPayload | undefined;
  const sockets: LiveSocket[] = [];
  try {
    for (let watcher = 0; watcher < count; watcher++) {
      let first = true;
      const socket = await openLiveSocket(wsUrl, {
        onUpdate: () => {},
        onParsedNext: (_id, payload, bytes) => {
          if (first) {
            first = false;
            if (watcher === 0) {
              firstBytes = bytes;
              firstPayload = payload;
            }
            return;
          }
          updates.push({ watcher, at: performance.now(), bytes, payload });
        },
      });
      sockets.push(socket);
      await socket.subscribe('w', query, variables);
    }
  } catch (error) {
    for (const socket of sockets) socket.close();
    throw error;
  }
  return {
    updates,
    get firstBytes() {
      return firstBytes;
    },
    get firstPayload() {
      return firstPayload;
    },
    waitForUpdates: (total, timeoutMs) => waitUntil(() => updates.length >= total, timeoutMs),
    close() {
      for (const socket of sockets) socket.close();
    },
  };
}
