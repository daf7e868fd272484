/** Batching of keys per tick and splitting of batches into size-bounded messages. */

/**
 * Returns a `push(keys)` that collects keys and calls `flush(uniqueKeys)` once on the next tick
 * (setImmediate), so the keys of one transaction or one burst go out as one batch.
 */
export function batchPerTick(flush: (keys: string[]) => void): {
  push(keys: readonly string[]): void;
  /** Flushes now (before close). */
  drain(): void;
} {
  let pending = new Set<string>();
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  const drain = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.size === 0) return;
    const keys = [...pending];
    pending = new Set();
    flush(keys);
  };
  return {
    push(keys) {
      for (const key of keys) pending.add(key);
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
