/** The resolver map of the schema in schema/: one module per aggregate, merged by type. */
import type { Resolvers } from '../generated/resolvers-types.js';
import { commentResolvers } from './comments.js';
import { datasetResolvers } from './datasets.js';
import { documentResolvers } from './documents.js';
import { sharingResolvers } from './sharing.js';
import { statusResolvers } from './status.js';
import { windowResolvers } from './windows.js';

/** Merges resolver maps type by type (a type's fields may come from several modules). */
function mergeResolvers(...maps: readonly Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) merged[typeName] = { ...merged[typeName], ...fields };
  }
  return merged;
}

/** Every resolver of the schema. */
export const resolvers: Resolvers = mergeResolvers(
  documentResolvers,
  datasetResolvers,
  windowResolvers,
  commentResolvers,
  sharingResolvers,
  statusResolvers,
);
