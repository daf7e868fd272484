/** The documents aggregate: documents and their ordered sections, as the store returns them. */
import type { Visibility } from '../access/accessTypes.js';
import type { DocumentSortKey, Window, WindowRequest } from '../windows/windowTypes.js';

/** A document; resolvers map it onto the GraphQL `Document`. */
export interface DocumentRecord {
  id: string;
  title: string;
  body: string;
  tags: string[];
  revision: number;
  /** ISO 8601, UTC. */
  updatedAt: string;
  /** The viewer id of its owner. */
  owner: string;
  visibility: Visibility;
}

/** A section of a document. */
export interface SectionRecord {
  id: string;
  documentId: string;
  heading: string;
  body: string;
  /** 0-based order within the document. */
  position: number;
}

/** The fields of a new document (validated by the caller). */
export interface CreateDocumentFields {
  title: string;
  body?: string | null;
  tags?: string[] | null;
  /** Default PRIVATE. */
  visibility?: Visibility | null;
}

/** The fields of a document to change; null or absent ones keep their value. */
export interface UpdateDocumentFields {
  title?: string | null;
  body?: string | null;
  tags?: string[] | null;
}

/** One update of a document: its fields, written only if it is at `expectedRevision` when given. */
export interface DocumentUpdate {
  id: string;
  fields: UpdateDocumentFields;
  expectedRevision?: number | null | undefined;
}

/** A section's content. */
export interface SectionFields {
  heading: string;
  body: string;
}

/** Documents and sections. Throws {@link StoreError} NOT_FOUND and CONFLICT as documented per method. */
export interface DocumentStore {
  getDocument(id: string): Promise<DocumentRecord | null>;
  /** Several documents in one query, in the order of `ids` (null for missing ones). */
  getDocuments(ids: readonly string[]): Promise<(DocumentRecord | null)[]>;
  /**
   * The documents `viewerId` may read (public ones, their own, those shared with them; public ones
   * only for null, anonymous), newest first (by creation); with a tag, only documents carrying it.
   */
  listDocuments(tag: string | null | undefined, viewerId: string | null): Promise<DocumentRecord[]>;
  /** A window of {@link listDocuments}' list. */
  documentWindow(
    tag: string | null | undefined,
    viewerId: string | null,
    request: WindowRequest<DocumentSortKey>,
  ): Promise<Window<DocumentRecord, DocumentSortKey>>;
  /** How many documents {@link listDocuments} would list (counted: one scan of what the viewer may read). */
  countDocuments(tag: string | null | undefined, viewerId: string | null): Promise<number>;
  /** Sections of many documents at once (for batching), each list in position order. */
  sectionsOf(documentIds: readonly string[]): Promise<Map<string, SectionRecord[]>>;
  /** One section by id (position = its index in the document), or null. */
  getSection(id: string): Promise<SectionRecord | null>;
  /** A document owned by `owner` (a viewer id). */
  createDocument(fields: CreateDocumentFields, owner: string): Promise<DocumentRecord>;
  /** Throws NOT_FOUND, or CONFLICT (writing nothing) when expectedRevision is given and differs. */
  updateDocument(id: string, fields: UpdateDocumentFields, expectedRevision?: number | null): Promise<DocumentRecord>;
  /**
   * Updates of distinct documents written together, in one statement: all of them, resolving with
   * their records in the order of `updates`, or none, resolving with null, when any document is
   * missing or not at its expected revision. Throws when two updates name the same document.
   */
  updateDocumentsTogether(updates: readonly DocumentUpdate[]): Promise<DocumentRecord[] | null>;
  /** Throws NOT_FOUND. */
  deleteDocument(id: string): Promise<void>;
  /** position clamped to [0, count]; default: append. Throws NOT_FOUND for the document. */
  addSection(documentId: string, fields: SectionFields, position?: number | null): Promise<SectionRecord>;
  updateSection(id: string, fields: SectionFields): Promise<SectionRecord>;
  /** position clamped to [0, count-1]. Returns the owning document after the move. */
  moveSection(id: string, position: number): Promise<DocumentRecord>;
  removeSection(id: string): Promise<void>;
}
