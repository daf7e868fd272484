/**
 * `Query.serverStatus`: the figures of the instance answering. Operators only when the reader has a
 * list of them (production); without one (development) the viewer is not read at all, which keeps the
 * live result one group shared by every viewer (the engine splits groups per viewer exactly when a
 * resolver reads `ctx.viewer`).
 */
import { rootFieldKey } from '../../keys/resourceKeys.js';
import type { AppContext } from '../context.js';
import { userError } from '../errors.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { StatusFigures } from '../statusReader.js';

/** The resource key of the field: invalidating it re-runs live `serverStatus` queries. */
export const SERVER_STATUS_KEY = rootFieldKey('Query', 'serverStatus');

/** The figures, or FORBIDDEN for a viewer who is not an operator (anonymous included). */
function serverStatus(ctx: AppContext): StatusFigures {
  const { status } = ctx;
  if (status === null) throw new Error('This server keeps no status (its context was made without a status reader).');
  if (status.operators !== null) {
    const viewerId = ctx.viewer.id;
    if (viewerId === null) throw userError('FORBIDDEN', 'only operators may read the server status: sign in as one');
    if (!status.operators.has(viewerId)) throw userError('FORBIDDEN', `only operators may read the server status, and ${viewerId} is not one (OPERATORS)`);
  }
  return status.figures();
}

/** The resolvers of the server status. */
export const statusResolvers: Resolvers = {
  Query: {
    serverStatus: (_, _args, ctx) => serverStatus(ctx),
  },
};
