/**
 * What `Query.serverStatus` reads through the context: the figures of the instance (kept by its status
 * sampler, server/metrics/statusSampler.ts) and who may read them.
 */
import type { StatusFigures } from '../metrics/statusSampler.js';

export type { StatusFigures, StatusSample } from '../metrics/statusSampler.js';

/** The server status as resolvers see it. */
export interface StatusReader {
  /**
   * The viewer ids that may read the status (production: OPERATORS); null when everyone may
   * (development), and then the resolver does not read the viewer, so that the live result stays
   * shared by every viewer.
   */
  readonly operators: ReadonlySet<string> | null;
  /** The figures now, with the recent samples. */
  figures(): StatusFigures;
}
