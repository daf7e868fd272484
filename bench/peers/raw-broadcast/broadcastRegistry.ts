/**
 * The raw floor's subscribers: sockets grouped by the id their live query watches and by their
 * subscription id, so one update is serialized once per subscription id (the benchmark uses "1")
 * and the same bytes go to every socket.
 */
import type { WebSocket } from 'ws';

/** Sockets watching one key, by subscription id. */
type Watchers = Map<string, Set<WebSocket>>;

/** Subscriber bookkeeping and the broadcast itself. */
export class BroadcastRegistry {
  private readonly byKey = new Map<string, Watchers>();
  private readonly bySocket = new Map<WebSocket, { key: string; id: string }[]>();
  private readonly revisions = new Map<string, number>();
  /** Target size of a broadcast `next` message; 0 keeps the natural size. */
  messageBytes = 0;

  add(socket: WebSocket, key: string, id: string): void {
    let watchers = this.byKey.get(key);
    if (!watchers) this.byKey.set(key, (watchers = new Map<string, Set<WebSocket>>()));
    let sockets = watchers.get(id);
    if (!sockets) watchers.set(id, (sockets = new Set()));
    sockets.add(socket);
    let entries = this.bySocket.get(socket);
    if (!entries) this.bySocket.set(socket, (entries = []));
    entries.push({ key, id });
  }

  remove(socket: WebSocket, id?: string): void {
    const entries = this.bySocket.get(socket) ?? [];
    for (const entry of entries) {
      if (id !== undefined && entry.id !== id) continue;
      const watchers = this.byKey.get(entry.key);
      watchers?.get(entry.id)?.delete(socket);
      if (watchers?.get(entry.id)?.size === 0) watchers.delete(entry.id);
      if (watchers?.size === 0) this.byKey.delete(entry.key);
    }
    const left = id === undefined ? [] : entries.filter((entry) => entry.id !== id);
    if (left.length === 0) this.bySocket.delete(socket);
    else this.bySocket.set(socket, left);
  }

  /**
   * Sends one `next` carrying `patch` to every socket watching `key`: serialized once per
   * subscription id, padded (in `payload.extensions.pad`) to {@link messageBytes}. Returns the count.
   */
  broadcast(key: string, patch: unknown[]): number {
    const watchers = this.byKey.get(key);
    if (!watchers) return 0;
    const revision = (this.revisions.get(key) ?? 1) + 1;
    this.revisions.set(key, revision);
    const payloadJson = JSON.stringify({ patch, revision });
    let sent = 0;
    for (const [id, sockets] of watchers) {
      const frame = Buffer.from(this.pad(`{"id":${JSON.stringify(id)},"type":"next","payload":`, payloadJson));
      for (const socket of sockets) {
        socket.send(frame, { binary: false });
        sent++;
      }
    }
    return sent;
  }

  private pad(head: string, payloadJson: string): string {
    const natural = head.length + payloadJson.length + 1;
    const filler = this.messageBytes - natural - ',"extensions":{"pad":""}'.length;
    if (filler <= 0) return `${head}${payloadJson}}`;
    return `${head}${payloadJson.slice(0, -1)},"extensions":{"pad":"${'x'.repeat(filler)}"}}}`;
  }
}
