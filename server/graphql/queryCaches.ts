/**
 * The parse caches of yoga's pipeline, bounded by bytes rather than entries: yoga's own hold 1,024
 * texts each, whatever their size, so a client sending distinct large texts fills the heap. An entry
 * is counted as its key (the query text, two bytes per UTF-16 unit) plus, for a parsed document, an
 * estimate of its AST (about 100 heap bytes per character of a dense query, measured on graphql-js 16).
 * The validation cache needs no bound of its own: yoga keys it weakly by document.
 */
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Heap bytes of a parsed document per character of its text (measured: 60 to 100 on dense queries). */
export const AST_BYTES_PER_CHAR = 100;

/** Default budget of the parsed-document cache (the error cache gets a quarter of it). */
export const DEFAULT_QUERY_CACHE_BYTES = 64 * 1024 * 1024;

/** A byte-bounded string-keyed cache in the shape yoga's `parserAndValidationCache` takes. */
export interface ByteBoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** Bytes accounted to the entries now held. */
  bytes(): number;
}

/** yoga's parse caches: documents by text, and parse errors by text. */
export interface QueryCaches {
  readonly documentCache: ByteBoundedCache<DocumentNode>;
  readonly errorCache: ByteBoundedCache<object>;
  /** Bytes accounted to both. */
  bytes(): number;
}

/** Creates the parse caches within `maxBytes` for documents and a quarter of it for errors. */
export function createQueryCaches(maxBytes = DEFAULT_QUERY_CACHE_BYTES): QueryCaches {
  const documentCache = byteBoundedCache<DocumentNode>(maxBytes, (text) => text.length * (2 + AST_BYTES_PER_CHAR));
  // An error is small; its key is the whole text.
  const errorCache = byteBoundedCache<object>(Math.ceil(maxBytes / 4), (text) => text.length * 2 + 1_024);
  return { documentCache, errorCache, bytes: () => documentCache.bytes() + errorCache.bytes() };
}

/**
 * A least-recently-used cache holding at most `maxBytes` as counted by `bytesOf(key)`; an entry
 * larger than the whole budget is not kept.
 */
export function byteBoundedCache<V extends object | true>(maxBytes: number, bytesOf: (key: string) => number): ByteBoundedCache<V> {
  const cache = new LRUCache<string, V>({ maxSize: maxBytes, sizeCalculation: (_value, key) => Math.max(1, bytesOf(key)) });
  return {
    get: (key) => cache.get(key),
    set: (key, value) => {
      if (bytesOf(key) > maxBytes) return;
      cache.set(key, value);
    },
    bytes: () => cache.calculatedSize,
  };
}
