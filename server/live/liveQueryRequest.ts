/** What a subscriber asks the engine for: one operation, its variables and its live options. */
import type { DocumentNode } from 'graphql';

/** A validated live query to subscribe to. */
export interface LiveQueryRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** From `@live(throttle:)`. */
  throttleMs: number;
  /**
   * Who asks, as an opaque access scope: results whose execution reads the context's `viewer` are
   * grouped per distinct scope; all others are shared by every scope. Default: one anonymous scope.
   */
  viewer?: string;
  /** Builds the context of one execution for this subscriber (a per-scope group runs its own). */
  createContext?: () => object | Promise<object>;
  /**
   * The resume token the client sent (`extensions.live.resume`): when the engine signed it for this
   * operation and viewer, the subscriber gets a patch from the state it names instead of the whole result.
   */
  resumeToken?: string;
}
