/**
 * Statements on PGlite in one extended-protocol exchange each, prepared once per SQL text. PGlite's
 * `query` makes three exchanges per statement (six calls into the database: asking for the parameter
 * types first) and parses, analyses and plans the text every time; in WebAssembly that is most of a
 * lone write's cost. Here a known text is just bound and executed, its parameters sent as text
 * (textParams.ts; the SQL casts them). The caller holds PGlite's locks: nothing else may run between
 * the messages of one exchange.
 */
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { toTextParam } from './textParams.js';

/** Distinct texts kept prepared (the store sends a handful); the least recently used is closed first. */
const MAX_PREPARED = 64;

/** Runs one statement; resolves with its rows. */
export type PreparedRunner = <T>(sql: string, params: readonly unknown[], options?: { inTransaction?: boolean }) => Promise<T[]>;

/** A runner of statements on `pglite` that keeps their prepared forms by text. */
export function createPreparedRunner(pglite: PGlite): PreparedRunner {
  const names = new Map<string, string>();
  const toClose: string[] = [];
  let counter = 0;
  const run = async <T>(sql: string, params: readonly unknown[], inTransaction: boolean, retried: boolean): Promise<T[]> => {
    await pglite._checkReady(); // throws once PGlite is closing or closed
    const parts: Uint8Array[] = [];
    // Statements left behind by a failed exchange (closing an unknown name is no error).
    for (const name of toClose.splice(0)) parts.push(protocol.serialize.close({ type: 'S', name }));
    let name = names.get(sql);
    const known = name !== undefined;
    if (name === undefined) {
      name = `livedoc_${++counter}`;
      if (names.size >= MAX_PREPARED) {
        const [oldestText, oldestName] = names.entries().next().value as [string, string];
        names.delete(oldestText);
        parts.push(protocol.serialize.close({ type: 'S', name: oldestName }));
      }
      parts.push(protocol.serialize.parse({ name, text: sql }));
    } else {
      names.delete(sql); // re-inserted below: most recently used last
    }
    parts.push(
      protocol.serialize.bind({ statement: name, values: params.map(toTextParam) }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    );
    try {
      // Inside a transaction the data reaches the file system at its end, as PGlite's own `query` does.
      const { messages } = await pglite.execProtocol(concatenate(parts), { syncToFs: !inTransaction });
      names.set(sql, name);
      return (parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []) as T[];
    } catch (error) {
      const reshaped = known && isFeatureNotSupported(error);
      if (!known || reshaped) {
        // Whether a new text was prepared before the failure is unknown: close the name (harmless if
        // it never existed). A known one that failed to run stays prepared, unless a table changed
        // under it so that its rows would change shape: then it is prepared anew, once (outside a
        // transaction, which the failure has aborted).
        toClose.push(name);
        if (reshaped && !retried && !inTransaction) return run<T>(sql, params, inTransaction, true);
      } else {
        names.set(sql, name);
      }
      throw error;
    }
  };
  return (sql, params, options = {}) => run(sql, params, options.inTransaction === true, false);
}

function isFeatureNotSupported(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '0A000';
}

function concatenate(parts: readonly Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}
