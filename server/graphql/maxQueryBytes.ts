/**
 * A limit on the size of a query text, checked before anything else looks at it: before the parse
 * cache (which would keep the text as a key), the token and nesting limits, and the parser. Thrown
 * from the parse hook itself rather than from a parse function, so that no cache records the outcome.
 */
import type { Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitError } from './limitError.js';

/** An envelop plugin that refuses a query text of more than `maxBytes` UTF-8 bytes (QUERY_TOO_LARGE, 413), telling `onRefused`. */
export function maxQueryBytesPlugin(maxBytes: number, onRefused?: () => void): Plugin {
  return {
    onParse({ params }: { params: { source: string | Source } }) {
      const source = params.source;
      try {
        assertQueryBytes(typeof source === 'string' ? source : source.body, maxBytes);
      } catch (error) {
        onRefused?.();
        throw error;
      }
    },
  };
}

/** Throws a {@link limitError} (QUERY_TOO_LARGE) when `text` is longer than `maxBytes` in UTF-8. */
export function assertQueryBytes(text: string, maxBytes: number): void {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: measure only when the length alone does not decide.
  if (text.length * 3 <= maxBytes) return;
  const bytes = text.length > maxBytes ? text.length : Buffer.byteLength(text);
  if (bytes <= maxBytes) return;
  throw limitError(
    `Query too large: expected a query text of at most ${maxBytes} bytes, but got ${text.length > maxBytes ? 'at least ' : ''}${bytes}.`,
    'QUERY_TOO_LARGE',
    413,
  );
}
