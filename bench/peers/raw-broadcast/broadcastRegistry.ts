/**
 * The raw floor's subscribers: per watched id, each socket with its subscription ids, so one update
 * is serialized once per subscription id (the benchmark uses "1", or "1" and "2") and the same bytes
 * go to every socket; a socket's messages are written one after the other, in one system call (the
 * cheapest for the kernel).
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** Sockets watching one key, each with its subscription ids. */
type Watchers = Map<WebSocket, string[]>;

/** Subscriber bookkeeping and the broadcast itself. */
export class BroadcastRegistry {
  private readonly byKey = new Map<string, Watchers>();
  private readonly bySocket = new Map<WebSocket, { key: string; id: string }[]>();
  private readonly revisions = new Map<string, number>();
  /** Target size of a broadcast `next` message; 0 keeps the natural size. */
  messageBytes = 0;
  /** Each socket's TCP stream, corked around a socket's several messages of one broadcast. */
  readonly streams = new WeakMap<WebSocket, Duplex>();

  add(socket: WebSocket, key: string, id: string): void {
    let watchers = this.byKey.get(key);
    if (!watchers) this.byKey.set(key, (watchers = new Map<WebSocket, string[]>()));
    const ids = watchers.get(socket);
    if (ids) ids.push(id);
    else watchers.set(socket, [id]);
    let entries = this.bySocket.get(socket);
    if (!entries) this.bySocket.set(socket, (entries = []));
    entries.push({ key, id });
  }

  remove(socket: WebSocket, id?: string): void {
    const entries = this.bySocket.get(socket) ?? [];
    for (const entry of entries) {
      if (id !== undefined && entry.id !== id) continue;
      const watchers = this.byKey.get(entry.key);
      const left = watchers?.get(socket)?.filter((other) => other !== entry.id) ?? [];
      if (left.length > 0) watchers?.set(socket, left);
      else watchers?.delete(socket);
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
    const frames = new Map<string, Buffer>();
    const frameOf = (id: string): Buffer => {
      let frame = frames.get(id);
      if (!frame) frames.set(id, (frame = Buffer.from(this.pad(`{"id":${JSON.stringify(id)},"type":"next","payload":`, payloadJson))));
      return frame;
    };
    let sent = 0;
    for (const [socket, ids] of watchers) {
      // Several messages to one socket leave in one system call, as livedoc's do (tickCork.ts).
      const stream = ids.length > 1 ? this.streams.get(socket) : undefined;
      stream?.cork();
      for (const id of ids) {
        socket.send(frameOf(id), { binary: false });
        sent++;
      }
      stream?.uncork();
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
