/** How the change feed reads the records that live types carry (`carries_records` in livedoc_live_types). */
import type { RecordReader } from './changeFeed/changePayload.js';
import { COMMENT_TYPE, readCommentRow } from './comments/commentRecord.js';
import { ROW_TYPE, readRowRow } from './datasets/rowRecord.js';
import { DOCUMENT_TYPE, readDocumentRow } from './documents/documentRecord.js';

/** The reader of each type's committed rows, by GraphQL type name. */
export const RECORD_READERS: Readonly<Record<string, RecordReader>> = {
  [DOCUMENT_TYPE]: readDocumentRow,
  [ROW_TYPE]: readRowRow,
  [COMMENT_TYPE]: readCommentRow,
};
