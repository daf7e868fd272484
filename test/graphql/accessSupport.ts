/** Executing operations as a viewer against the real schema and a real store, without HTTP. */
import { execute, parse, type ExecutionResult } from 'graphql';
import { createContext } from '../../server/graphql/context.js';
import { buildSchema } from '../../server/graphql/schema.js';
import { ANONYMOUS, type Viewer } from '../../server/graphql/viewer.js';
import type { Store } from '../../server/store/types.js';

/** A signed-in viewer (or anonymous for null). */
export function viewer(id: string | null): Viewer {
  return id === null ? ANONYMOUS : { id, name: id.toUpperCase(), expiresAt: null };
}

/** Runs `source` as `who` on `store` with a fresh context; `onViewerRead` counts reads of `ctx.viewer`. */
export function runAs(store: Store, who: Viewer, source: string, onViewerRead?: () => void): Promise<ExecutionResult> {
  const schema = buildSchema();
  const context = createContext(store, who);
  if (onViewerRead) {
    // What the live engine does to learn whether a result depends on the viewer.
    Object.defineProperty(context, 'viewer', {
      get() {
        onViewerRead();
        return who;
      },
    });
  }
  return Promise.resolve(execute({ schema, document: parse(source), contextValue: context }));
}

/** The outcome of one operation: 'ok' or the code of its first error. */
export function outcome(result: ExecutionResult): string {
  const [error] = result.errors ?? [];
  if (!error) return 'ok';
  const code = error.extensions.code;
  return typeof code === 'string' ? code : `uncoded: ${error.message}`;
}
