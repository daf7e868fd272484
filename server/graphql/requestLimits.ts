/**
 * Limits on what one request may cost the server, beyond the shape limits of limits.ts: the size of
 * what it sends (body, query text) and of what it asks for (an estimated result cost before execution,
 * the bytes of the result during it). Configured from the environment (config.ts); documented in
 * README.md ("Configuration") and docs/protocol.md ("Errors").
 */

/** The limits of one server. */
export interface RequestLimits {
  /** Largest HTTP request body (bytes); larger ones are answered 413 before they are read in full. */
  readonly maxBodyBytes: number;
  /** Largest query text (UTF-8 bytes) on every path; larger ones are refused before parsing. */
  readonly maxQueryBytes: number;
  /** Largest estimated result cost (resultCost.ts); costlier operations are refused before execution. */
  readonly maxCost: number;
  /** Largest result (approximate JSON bytes of its values); an execution that passes it is ended. */
  readonly maxResultBytes: number;
}

/** The defaults: 1 MiB bodies, 100 KB query texts, a cost of 100,000, 16 MiB results. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxBodyBytes: 1024 * 1024,
  maxQueryBytes: 100_000,
  maxCost: 100_000,
  maxResultBytes: 16 * 1024 * 1024,
};
