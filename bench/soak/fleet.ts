/**
 * The soak's clients: client i signs in as viewer i / 10 (ten consecutive clients, so that every
 * viewer has every operation), holds the live queries of operationsOfClient(i), connects first to
 * instance homeOf(i), and uses SSE when it falls in the SSE share, graphql-ws otherwise. They start
 * in batches, each waited for, so that the first subscriptions are not one storm.
 */
import { waitUntil } from '../fanout/stats.js';
import { operationsOfClient, type OperationTargets } from './operations.js';
import { startSoakClient, type SoakClient, type SoakClientContext } from './soakClient.js';
import { viewerCount, viewerId } from './viewers.js';

const BATCH = 50;
const BATCH_TIMEOUT_MS = 60_000;

/** The running clients. */
export interface Fleet {
  readonly clients: readonly SoakClient[];
  /** Clients connected with a result for every query. */
  liveCount(): number;
  /** Waits until every client is live, at most `timeoutMs`; resolves with whether they are. */
  waitLive(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts `count` clients; rejects (after closing them) when a batch is not live within a minute. */
export async function startFleet(
  count: number,
  settings: { instances: number; sseShare: number; targets: OperationTargets },
  context: SoakClientContext,
  log: (message: string) => void,
): Promise<Fleet> {
  const clients: SoakClient[] = [];
  const viewers = viewerCount(count);
  const liveCount = () => clients.filter((c) => c.live()).length;
  const fleet: Fleet = {
    clients,
    liveCount,
    waitLive: (timeoutMs) => waitUntil(() => liveCount() === clients.length, timeoutMs, 100),
    async close() {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
  for (let start = 0; start < count; start += BATCH) {
    for (let index = start; index < Math.min(count, start + BATCH); index++) {
      clients.push(
        startSoakClient(
          {
            index,
            viewer: viewerId(Math.floor(index / 10) % viewers),
            transport: onSse(index, settings.sseShare) ? 'sse' : 'ws',
            home: homeOf(index, settings.instances),
            operations: operationsOfClient(index, settings.targets),
          },
          context,
        ),
      );
    }
    if (!(await fleet.waitLive(BATCH_TIMEOUT_MS))) {
      const stuck = clients.find((c) => !c.live());
      await fleet.close();
      throw new Error(`Expected clients ${start}–${clients.length - 1} to be live within ${BATCH_TIMEOUT_MS} ms, but ${clients.length - liveCount()} were not (e.g. ${describeClient(stuck)}).`);
    }
    if ((start / BATCH) % 4 === 3) log(`${clients.length} clients live`);
  }
  return fleet;
}

/**
 * The first instance of client `index`. Alternating, with the parity turned every 16 clients: the
 * operation (index mod 4) and the document (index / 4 mod 4) of a client would otherwise decide its
 * instance.
 */
export function homeOf(index: number, instances: number): number {
  return (index + Math.floor(index / 16)) % instances;
}

/** Whether client `index` is on SSE: a multiplicative hash, so that SSE clients have every operation and instance. */
export function onSse(index: number, share: number): boolean {
  return Math.imul(index, 2654435761) >>> 0 < share * 2 ** 32;
}

/** A short description of a client's state, for a failure message. */
export function describeClient(client: SoakClient | undefined): string {
  if (!client) return 'none';
  const queries = client.queries.map((q) => `${q.operation.name}: ${q.failure ?? (q.results > 0 ? `revision ${q.revision}` : 'no result')}`);
  return `client ${client.index} (${client.transport}, home ${client.home}, connected to ${client.connectedTo() ?? 'none'}; ${queries.join(', ')})`;
}
