/**
 * The live queries the soak's clients hold, and which ones client i holds: a whole document (shared by
 * every viewer), a document with the viewer's role (one group per viewer), the list of soak documents
 * (what each viewer may read), and a dataset with its rows and summary. Every operation's fresh twin
 * is the same text without `@live`.
 */

/** What a live query reads. */
export type OperationName = 'document' | 'documentRole' | 'documents' | 'dataset';

const TEXT: Record<OperationName, string> = {
  document:
    'query SoakDocument($id: ID!) @live { document(id: $id) { id title body tags revision ' +
    'sections { id heading body } comments { id author body editedAt } } }',
  documentRole: 'query SoakDocumentRole($id: ID!) @live { document(id: $id) { id title revision viewerRole sections { id heading } } }',
  documents: 'query SoakDocuments @live { documents(tag: "soak") { nodes { id title revision visibility } totalCount } }',
  dataset: 'query SoakDataset($id: ID!) @live { dataset(id: $id) { id name rowCount summary { count sum min max mean } rows(first: 1000) { nodes { id label value } totalCount } } }',
};

/** One live query of a client. */
export interface LiveOperation {
  name: OperationName;
  /** The `@live` query. */
  live: string;
  /** The same query without `@live`, for the fresh comparison. */
  fresh: string;
  variables: Record<string, unknown>;
}

/** The ids the operations point at. */
export interface OperationTargets {
  documentIds: readonly string[];
  datasetId: string;
}

/** The operation `name` on `variables`. */
export function operation(name: OperationName, variables: Record<string, unknown> = {}): LiveOperation {
  const live = TEXT[name];
  return { name, live, fresh: live.replace(' @live', ''), variables };
}

/**
 * The live queries of client `index`: one chosen by `index % 4`, and a second document for every third
 * client, so that every operation and every document has watchers on every instance.
 */
export function operationsOfClient(index: number, targets: OperationTargets): LiveOperation[] {
  const documents = targets.documentIds;
  const documentAt = (n: number) => ({ id: documents[n % documents.length] });
  const primary = [
    operation('document', documentAt(index >> 2)),
    operation('documentRole', documentAt(index >> 2)),
    operation('documents'),
    operation('dataset', { id: targets.datasetId }),
  ][index % 4]!;
  return index % 3 === 0 ? [primary, operation('document', documentAt((index >> 2) + 1))] : [primary];
}

/** The key of an operation as a viewer runs it: equal keys have equal fresh results. */
export function operationKey(op: LiveOperation, viewer: string): string {
  return `${viewer} ${op.name} ${JSON.stringify(op.variables)}`;
}

/** The write number in a title the writer set (`soak w<n>`), or undefined. */
export function titleMarker(title: unknown): number | undefined {
  if (typeof title !== 'string' || !title.startsWith('soak w')) return undefined;
  const n = Number(title.slice(6));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The title of write `seq`. */
export const titleOf = (seq: number) => `soak w${seq}`;
