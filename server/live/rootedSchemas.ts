/**
 * Schemas rooted at an object type: a partial run executes the query's selections on one object as
 * if it were the query root, through the schema's own (instrumented) resolvers.
 */
import { GraphQLSchema, type GraphQLObjectType } from 'graphql';

/** Returns `type => schema rooted at type`, building each type's schema once. */
export function createRootedSchemas(schema: GraphQLSchema): (type: GraphQLObjectType) => GraphQLSchema {
  const rootedSchemas = new Map<string, GraphQLSchema>();
  return (type) => {
    let rooted = rootedSchemas.get(type.name);
    if (!rooted) rootedSchemas.set(type.name, (rooted = schemaRootedAt(schema, type)));
    return rooted;
  };
}

/** A schema whose query root is `type`, sharing every type (and so every resolver) with `schema`. */
function schemaRootedAt(schema: GraphQLSchema, type: GraphQLObjectType): GraphQLSchema {
  return new GraphQLSchema({
    query: type,
    types: Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__')),
    directives: schema.getDirectives(),
    assumeValid: true,
  });
}
