/**
 * Records, for every client and update, when the message carrying the update's marker arrived, and
 * counts the bytes and messages clients received while counting is on.
 */
import { forEachMarker } from './operations.js';
import { distribution } from './stats.js';
import type { Distribution } from './types.js';

/** Send and arrival times of one phase's updates. */
export interface DeliveryTracker {
  readonly clients: number;
  readonly updates: number;
  /** Marker seq of update 0; update u carries seq `seqBase + u`. */
  readonly seqBase: number;
  /** Marks update `u` as sent now. */
  markSent(update: number): void;
  /** Handles a message received by `client` (to be used as the socket's onUpdate). */
  receive(client: number, text: string, bytes: number): void;
  /** Starts counting bytes and messages. */
  startCounting(): void;
  /** How many clients received update `u`. */
  deliveredCount(update: number): number;
  readonly delivered: number;
  readonly bytes: number;
  readonly messages: number;
  /** Arrival time of update `u` at `client` minus its send time, or NaN. */
  latency(client: number, update: number): number;
  /** Send time of update `u` (performance.now()), or NaN. */
  sentAt(update: number): number;
  /** Latency of every (client, update) that arrived. */
  latencies(): Distribution;
  /** Send → last arrival for every update that `expected(u)` clients received. */
  fanouts(expected: (update: number) => number): Distribution;
}

/** Creates a tracker for `clients` × `updates`. */
export function createDeliveryTracker(clients: number, updates: number, seqBase: number): DeliveryTracker {
  const sent = new Float64Array(updates).fill(NaN);
  const arrival = new Float64Array(clients * updates).fill(NaN);
  const lastArrival = new Float64Array(updates).fill(NaN);
  const perUpdate = new Uint32Array(updates);
  let delivered = 0;
  let bytes = 0;
  let messages = 0;
  let counting = false;

  return {
    clients,
    updates,
    seqBase,
    markSent(update) {
      sent[update] = performance.now();
    },
    receive(client, text, size) {
      const now = performance.now();
      if (counting) {
        bytes += size;
        messages++;
      }
      forEachMarker(text, (seq) => {
        const update = seq - seqBase;
        if (update < 0 || update >= updates) return;
        const slot = client * updates + update;
        if (!Number.isNaN(arrival[slot]!)) return;
        arrival[slot] = now;
        perUpdate[update]!++;
        delivered++;
        if (!(now <= lastArrival[update]!)) lastArrival[update] = now;
      });
    },
    startCounting() {
      counting = true;
    },
    deliveredCount: (update) => perUpdate[update] ?? 0,
    get delivered() {
      return delivered;
    },
    get bytes() {
      return bytes;
    },
    get messages() {
      return messages;
    },
    latency: (client, update) => arrival[client * updates + update]! - sent[update]!,
    sentAt: (update) => sent[update]!,
    latencies() {
      const values: number[] = [];
      for (let client = 0; client < clients; client++) {
        for (let update = 0; update < updates; update++) {
          const value = arrival[client * updates + update]! - sent[update]!;
          if (Number.isFinite(value)) values.push(value);
        }
      }
      return distribution(values);
    },
    fanouts(expected) {
      const values: number[] = [];
      for (let update = 0; update < updates; update++) {
        if (perUpdate[update]! >= expected(update)) values.push(lastArrival[update]! - sent[update]!);
      }
      return distribution(values);
    },
  };
}
