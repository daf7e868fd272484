/**
 * Mutation requests of several `updateDocument` fields (aliases), written together. GraphQL runs a
 * mutation's root fields one after another, each once the previous one is done, so 25 aliases cost
 * 25 access reads, 25 statements and 25 commits. When every root field of the operation is an
 * `updateDocument` of its own document, the first of their resolvers to run checks all of them (input,
 * then access, on one read of all their documents) and writes them in one statement, all or none
 * (`store.updateDocumentsTogether`); each field's resolver then answers with its own record. When any
 * check fails or the statement would not write every one of them, nothing has been written and each
 * field runs alone, in order, as the spec says: the outcome is always one that serial execution gives.
 */
import { getArgumentValues, Kind, OperationTypeNode, type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import type { DocumentRecord, DocumentUpdate, UpdateDocumentFields } from '../../store/types.js';
import type { AppContext } from '../context.js';
import type { MutationUpdateDocumentArgs, UpdateDocumentInput } from '../generated/resolvers-types.js';
import { requireRoleOn } from '../access/requireRole.js';
import { LIMITS, checkTags, checkText } from '../validateInput.js';

/** The checked fields of an `updateDocument` input (throws BAD_USER_INPUT). */
export function updateFields(input: UpdateDocumentInput): UpdateDocumentFields {
  const { title, body, tags } = input;
  const fields: UpdateDocumentFields = {};
  if (title != null) fields.title = checkText('title', title, 1, LIMITS.title);
  if (body != null) fields.body = checkText('body', body, 0, LIMITS.body);
  if (tags != null) fields.tags = checkTags(tags);
  return fields;
}

/** The records written together, by response key; null when the fields run alone. */
type Outcome = ReadonlyMap<string, DocumentRecord> | null;

/** The outcome of each execution's mutation operation (a context serves one execution). */
const outcomes = new WeakMap<AppContext, { operation: OperationDefinitionNode; outcome: Promise<Outcome> }>();

/** One root field of the batch: its response key and arguments. */
interface BatchField {
  key: string;
  args: MutationUpdateDocumentArgs;
}

/**
 * This field's record when the operation's `updateDocument` fields were written together; undefined
 * when it is to run alone.
 */
export async function writtenTogether(ctx: AppContext, info: GraphQLResolveInfo): Promise<DocumentRecord | undefined> {
  let entry = outcomes.get(ctx);
  if (entry?.operation !== info.operation) {
    const fields = info.path.prev === undefined ? batchFields(info) : null;
    entry = { operation: info.operation, outcome: fields ? writeTogether(ctx, fields) : Promise.resolve(null) };
    outcomes.set(ctx, entry);
  }
  return (await entry.outcome)?.get(String(info.path.key));
}

/** The operation's root fields when there are several and all are plain `updateDocument`s of distinct documents. */
function batchFields(info: GraphQLResolveInfo): BatchField[] | null {
  const { operation, parentType, variableValues } = info;
  const definition = parentType.getFields().updateDocument;
  const selections = operation.selectionSet.selections;
  if (operation.operation !== OperationTypeNode.MUTATION || !definition || selections.length < 2) return null;
  const fields: BatchField[] = [];
  for (const selection of selections) {
    if (!isPlainUpdate(selection)) return null;
    let args: MutationUpdateDocumentArgs;
    try {
      args = getArgumentValues(definition, selection, variableValues) as MutationUpdateDocumentArgs;
    } catch {
      return null; // the field's own execution reports it
    }
    fields.push({ key: selection.alias?.value ?? selection.name.value, args });
  }
  const distinct = (values: string[]) => new Set(values).size === values.length;
  return distinct(fields.map((f) => f.key)) && distinct(fields.map((f) => f.args.id)) ? fields : null;
}

function isPlainUpdate(selection: OperationDefinitionNode['selectionSet']['selections'][number]): selection is FieldNode {
  return selection.kind === Kind.FIELD && selection.name.value === 'updateDocument' && !selection.directives?.length;
}

/** Checks and writes `fields` together; null (nothing written) when any would fail. */
async function writeTogether(ctx: AppContext, fields: readonly BatchField[]): Promise<Outcome> {
  try {
    const updates: DocumentUpdate[] = fields.map(({ args }) => ({
      id: args.id,
      fields: updateFields(args.input),
      expectedRevision: args.expectedRevision,
    }));
    const items = await ctx.store.getDocuments(updates.map((u) => u.id));
    await Promise.all(updates.map((update, i) => requireRoleOn(ctx, 'document', update.id, items[i] ?? null, 'EDITOR')));
    const records = await ctx.store.updateDocumentsTogether(updates);
    if (!records) return null;
    const byKey = new Map<string, DocumentRecord>();
    records.forEach((record, i) => byKey.set(fields[i]?.key ?? '', record));
    return byKey;
  } catch {
    // Whatever failed fails again, in its own field, when the fields run alone.
    return null;
  }
}
