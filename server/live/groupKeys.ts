/**
 * Group keys: requests with the same key share one live query group. A key names the printed
 * document by a small id instead of embedding it: one copy of the text, however many groups (each on
 * its own variables) run it.
 */
import { print, type DocumentNode } from 'graphql';
import type { LiveQueryRequest } from './liveQueryRequest.js';

/** Keys of live query requests, and the document ids they name; one per engine. */
export interface GroupKeys {
  /** The key of `request`'s group: shared by every viewer without `scope`, else that viewer scope's own. */
  keyOf(request: LiveQueryRequest, scope?: string): string;
  /** Counts a new group of `document`: its id is kept while any group runs it. */
  retain(document: DocumentNode): void;
  /** Uncounts a disposed group of `document`, forgetting the id with its last group. */
  release(document: DocumentNode): void;
  /** The printed text of `document` (printed once per document object). */
  readonly sourceOf: (document: DocumentNode) => string;
}

/** Creates an empty set of document ids. */
export function createGroupKeys(): GroupKeys {
  // Parsers cache documents, so thousands of watchers of one query share one DocumentNode: print once.
  const printed = new WeakMap<DocumentNode, string>();
  const documentIds = new Map<string, { id: number; groups: number }>();
  let nextDocumentId = 0;

  function sourceOf(document: DocumentNode): string {
    let source = printed.get(document);
    if (source === undefined) printed.set(document, (source = print(document)));
    return source;
  }

  /** The id of a document's text; an entry with no groups is created here and counted by `retain`. */
  function documentEntry(document: DocumentNode): { id: number; groups: number } {
    const source = sourceOf(document);
    let entry = documentIds.get(source);
    if (!entry) documentIds.set(source, (entry = { id: nextDocumentId++, groups: 0 }));
    return entry;
  }

  return {
    sourceOf,
    keyOf(request, scope) {
      return groupKey(request, documentEntry(request.document).id, scope);
    },
    retain(document) {
      documentEntry(document).groups++;
    },
    release(document) {
      // Distinct documents do not accumulate.
      const source = sourceOf(document);
      const entry = documentIds.get(source);
      if (entry && --entry.groups <= 0) documentIds.delete(source);
    },
  };
}

/**
 * `docId|throttle|"scope"|operation|{variables}`, `*` for the scope of a shared group: unambiguous (a scope is a JSON string, an
 * operation name has no `|`, the variables come last), and one flat string (`join`; JSON.stringify
 * and `+` make ropes), since every group keeps its key.
 */
function groupKey(request: LiveQueryRequest, documentId: number, scope: string | undefined): string {
  const variables = JSON.stringify(request.variables ?? {});
  return [documentId, request.throttleMs, scope === undefined ? '*' : JSON.stringify(scope), request.operationName ?? '', variables].join('|');
}
