/**
 * Opens and subscribes many benchmark clients with bounded concurrency, and closes them: graphql-ws
 * sockets, or SSE clients whose every subscription is its own HTTP connection.
 */
import { openLiveSocket, type LiveSocket, type SocketListener } from './liveSocket.js';
import { openSseClient } from './sseClient.js';
import { runLimited, sleep } from './stats.js';
import type { LiveTransport } from './types.js';

/** One subscription a socket makes. */
export interface SubscriptionPlan {
  id: string;
  query: string;
  variables: Record<string, unknown>;
}

/** What to open: per socket, its subscriptions and listener. */
export interface FleetPlan {
  transport: LiveTransport;
  wsUrl: string;
  /** Where SSE clients POST their live queries. */
  httpUrl: string;
  /** Clients: graphql-ws sockets, or SSE clients (as many connections as subscriptions each). */
  sockets: number;
  subscriptions: (socket: number) => SubscriptionPlan[];
  listener(socket: number): SocketListener;
  /**
   * The `connection_init` payload of each socket (e.g. `{ authorization }`); none: anonymous. An SSE
   * client sends its `authorization` as its requests' `Authorization` header.
   */
  connectionPayload?: (socket: number) => Record<string, unknown> | undefined;
  /** Sockets opening at once. */
  concurrency?: number;
  /** Give up subscribing after this long. */
  timeoutMs: number;
}

/** The opened sockets. */
export interface Fleet {
  sockets: LiveSocket[];
  /** Subscriptions that got their first result. */
  subscribed: number;
  /** From the first socket opening to the last first result. */
  subscribeMs: number;
  failures: string[];
  /** Protocol problems seen by any socket since subscribing. */
  problems(): string[];
  close(): Promise<void>;
}

/** Opens `plan.sockets` sockets and subscribes each one's subscriptions. */
export async function openFleet(plan: FleetPlan): Promise<Fleet> {
  const sockets: LiveSocket[] = [];
  const failures: string[] = [];
  let subscribed = 0;
  const started = performance.now();
  const deadline = started + plan.timeoutMs;
  await runLimited(plan.sockets, plan.concurrency ?? 64, async (index) => {
    if (performance.now() > deadline) {
      if (failures.length < 5) failures.push(`socket ${index}: subscribe deadline passed`);
      return;
    }
    try {
      const socket = await openClient(plan, index);
      sockets.push(socket);
      const results = await Promise.allSettled(
        plan.subscriptions(index).map((s) => socket.subscribe(s.id, s.query, s.variables)),
      );
      for (const result of results) {
        if (result.status === 'fulfilled') subscribed++;
        else if (failures.length < 5) failures.push(`socket ${index}: ${String(result.reason)}`);
      }
    } catch (error) {
      if (failures.length < 5) failures.push(`socket ${index}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  const subscribeMs = performance.now() - started;
  return {
    sockets,
    subscribed,
    subscribeMs,
    failures,
    problems: () => sockets.flatMap((s) => s.problems).slice(0, 10),
    async close() {
      for (const socket of sockets) socket.close();
      // Let the server see the closes before the next scenario measures anything.
      await sleep(Math.min(3_000, 200 + sockets.length / 5));
    },
  };
}

/** Client `index` of the plan, ready to subscribe. */
async function openClient(plan: FleetPlan, index: number): Promise<LiveSocket> {
  const payload = plan.connectionPayload?.(index);
  if (plan.transport === 'ws') return openLiveSocket(plan.wsUrl, plan.listener(index), undefined, payload);
  const authorization = payload?.authorization;
  return openSseClient(plan.httpUrl, plan.listener(index), typeof authorization === 'string' ? authorization : undefined);
}
