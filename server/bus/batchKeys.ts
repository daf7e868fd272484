/** Batching of keys per tick and splitting of batches into size-bounded messages. */
import type { BusRows } from './busMessage.js';

/**
 * Returns a `push(keys, rows?)` that collects keys and calls `flush(uniqueKeys, rows)` once on the next
 * tick (setImmediate), so the keys of one transaction or one burst go out as one batch. A key pushed
 * twice in one tick goes without a row: the order of two pushes (two transactions committing
 * concurrently) says nothing about which row is the newer.
 */
export function batchPerTick(flush: (keys: string[], rows: BusRows | undefined) => void): {
  push(keys: readonly string[], rows?: BusRows): void;
  /** Flushes now (before close). */
  drain(): void;
} {
  let pending = new Set<string>();
  let pendingRows = new Map<string, unknown>();
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  const drain = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.size === 0) return;
    const keys = [...pending];
    const rows = pendingRows.size > 0 ? Object.fromEntries(pendingRows) : undefined;
    pending = new Set();
    pendingRows = new Map();
    flush(keys, rows);
  };
  return {
    push(keys, rows) {
      for (const key of keys) {
        if (pending.has(key)) {
          pendingRows.delete(key);
          continue;
        }
        pending.add(key);
        const row = rows && Object.hasOwn(rows, key) ? rows[key] : undefined;
        if (row !== undefined) pendingRows.set(key, row);
      }
      scheduled ??= setImmediate(drain);
    },
    drain,
  };
}

/**
 * Serializes keys as JSON arrays of at most `maxBytes` UTF-8 bytes each. A single key longer than the
 * limit cannot be carried and is returned in `oversized` so the caller can fall back to a coarser key.
 */
export function splitIntoMessages(keys: readonly string[], maxBytes: number): { messages: string[]; oversized: string[] } {
  const messages: string[] = [];
  const oversized: string[] = [];
  let current: string[] = [];
  let size = 2; // "[]"
  for (const key of keys) {
    const encoded = JSON.stringify(key);
    const bytes = Buffer.byteLength(encoded);
    if (bytes + 2 > maxBytes) {
      oversized.push(key);
      continue;
    }
    const added = bytes + (current.length > 0 ? 1 : 0);
    if (size + added > maxBytes) {
      messages.push(`[${current.map((k) => JSON.stringify(k)).join(',')}]`);
      current = [];
      size = 2;
    }
    size += bytes + (current.length > 0 ? 1 : 0);
    current.push(key);
  }
  if (current.length > 0) messages.push(`[${current.map((k) => JSON.stringify(k)).join(',')}]`);
  return { messages, oversized };
}
