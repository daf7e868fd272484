/** What a subscriber asks the engine for: one operation, its variables and its live options. */
import type { DocumentNode } from 'graphql';

/** A validated live query to subscribe to. */
export interface LiveQueryRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  /** From `@live(throttle:)`. */
  throttleMs: number;
  /** Separates groups that must not share results (e.g. per viewer); default: shared by all. */
  scope?: string;
  /** Builds the context of one execution; the group keeps the first subscriber's factory. */
  createContext?: () => object | Promise<object>;
}
