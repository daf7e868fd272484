/** The comments aggregate: comments on a document, oldest first. */

/** A comment; resolvers map it onto the GraphQL `Comment`. */
export interface CommentRecord {
  id: string;
  documentId: string;
  author: string;
  body: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** ISO 8601, UTC; null until the body is edited. */
  editedAt: string | null;
}

/** The fields of a new comment (validated by the caller). */
export interface CommentFields {
  author: string;
  body: string;
}

/** Comments. Throws {@link StoreError} NOT_FOUND as documented per method. */
export interface CommentStore {
  /** Several comments in one query, in the order of `ids` (null for missing ones). */
  getComments(ids: readonly string[]): Promise<(CommentRecord | null)[]>;
  /** Comments of many documents at once (for batching), each list oldest first. */
  commentsOf(documentIds: readonly string[]): Promise<Map<string, CommentRecord[]>>;
  /** Throws NOT_FOUND when the document does not exist. */
  addComment(documentId: string, fields: CommentFields): Promise<CommentRecord>;
  /** Replaces the body and stamps editedAt. Throws NOT_FOUND. */
  updateComment(id: string, body: string): Promise<CommentRecord>;
  /** Throws NOT_FOUND. */
  deleteComment(id: string): Promise<void>;
}
