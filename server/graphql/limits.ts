/** Limits on query size and shape (graphql-armor), applied over HTTP and WebSocket alike. */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';

/** The limits documented in docs/protocol.md ("Errors"). */
export const QUERY_LIMITS = { depth: 12, aliases: 30, tokens: 5_000, cost: 20_000 } as const;

/** Envelop plugins enforcing {@link QUERY_LIMITS}; violations are validation errors. */
export function securityPlugins(): Plugin[] {
  return [
    maxTokensPlugin({ n: QUERY_LIMITS.tokens }),
    maxDepthPlugin({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesPlugin({ n: QUERY_LIMITS.aliases }),
    costLimitPlugin({ maxCost: QUERY_LIMITS.cost, ignoreIntrospection: true }),
  ] as Plugin[];
}
