/** What the resolvers of a window return: the GraphQL connection types' models (codegen mappers). */
import type { DocumentRecord, RowRecord } from '../../store/types.js';

/** `PageInfo`. */
export interface PageInfoModel {
  endCursor: string | null;
  hasNextPage: boolean;
}

/** `RowConnection`: a window of one dataset's rows, with the row count when the store read it with the window. */
export interface RowConnectionModel {
  datasetId: string;
  nodes: RowRecord[];
  pageInfo: PageInfoModel;
  total?: number;
}

/** `DocumentConnection`: a window of the documents listed for a tag (or all); `totalCount` is counted only when asked for. */
export interface DocumentConnectionModel {
  tag: string | null;
  nodes: DocumentRecord[];
  pageInfo: PageInfoModel;
}
