/**
 * Introspection off (production default, `INTROSPECTION=false`): `__schema` and `__type` fail
 * validation with a coded error, and validation messages stop suggesting field names ("Did you
 * mean …?"), which would otherwise spell out the schema one guess at a time. `__typename` stays.
 * Applied in yoga's validation, which every path (HTTP fast path, yoga, graphql-ws, live) runs.
 */
import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The code of a query that asked for introspection while it is off. */
export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

/** The envelop plugin: no-op when introspection is on. */
export function introspectionPlugin(enabled: boolean): Plugin {
  if (enabled) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(codedIntrospectionRule);
      return ({ valid, result, setResult }) => {
        if (valid) return;
        const errors: readonly unknown[] = result;
        setResult(errors.map((error) => (error instanceof GraphQLError ? withoutSuggestions(error) : error)));
      };
    },
  };
}

/** `__schema` and `__type`: the only ways into the introspection types (`__typename` is a name only). */
const codedIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name !== '__schema' && name !== '__type') return;
    context.reportError(
      new GraphQLError(`Introspection is disabled on this server: the query asks for "${name}".`, {
        nodes: node,
        extensions: { code: INTROSPECTION_DISABLED },
      }),
    );
  },
});

/** The error without its "Did you mean …?" sentence (a copy: yoga caches validation results). */
function withoutSuggestions(error: GraphQLError): GraphQLError {
  const message = error.message.replace(/ ?Did you mean .*\?$/, '');
  if (message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}
