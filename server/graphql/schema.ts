/** The executable schema: the SDL in schema/ (the single source of truth) plus the resolvers. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { createSchema } from 'graphql-yoga';
import type { AppContext } from './context.js';
import { projectRoot } from '../runtime/projectRoot.js';
import { resolvers } from './resolvers/index.js';

/** The folder holding the *.graphql SDL files. */
export const schemaDir = path.join(projectRoot, 'schema');

/** Reads every *.graphql file of schema/, in name order. */
export function readTypeDefs(dir = schemaDir): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

/** Builds a fresh executable schema (each server instance gets its own, since the engine instruments it). */
export function buildSchema(): GraphQLSchema {
  return createSchema<AppContext>({ typeDefs: readTypeDefs(), resolvers });
}
