import type { GraphQLResolveInfo } from 'graphql';
import type { DocumentRecord, SectionRecord, DatasetRecord, RowRecord, SummaryRecord, CommentRecord } from '../../store/types.js';
import type { PageInfoModel, RowConnectionModel, DocumentConnectionModel } from '../windows/connections.js';
import type { AppContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

/** What the viewer asking may do with an item: OWNER everything, EDITOR change its content, READER read it. */
export type AccessRole =
  | 'EDITOR'
  | 'OWNER'
  | 'READER';

/** A comment on a document. Comments are live: a live query on a document sees them come, change and go. */
export type Comment = {
  /** Who wrote it, 1 to 100 characters. */
  author: Scalars['String']['output'];
  /** The text, 1 to 10,000 characters. */
  body: Scalars['String']['output'];
  /** When it was added (ISO 8601, UTC). */
  createdAt: Scalars['String']['output'];
  /** When its body was last edited (ISO 8601, UTC), or null if never. */
  editedAt?: Maybe<Scalars['String']['output']>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
};

/** A new comment. */
export type CommentInput = {
  /** 1 to 100 characters. */
  author: Scalars['String']['input'];
  /** 1 to 10,000 characters. */
  body: Scalars['String']['input'];
};

/** The fields of a new document. */
export type CreateDocumentInput = {
  /** Up to 100,000 characters; default empty. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** Up to 50 tags of 1 to 50 characters each; default none. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1 to 500 characters. */
  title: Scalars['String']['input'];
};

/** A named set of numeric rows with a summary computed on the server. */
export type Dataset = {
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The name, 1 to 200 characters. */
  name: Scalars['String']['output'];
  /** The viewer id of the dataset's owner (who created it). */
  owner: Scalars['ID']['output'];
  /** How many rows the dataset has. */
  rowCount: Scalars['Int']['output'];
  /**
   * A window of the rows in `orderBy` order. Page with `after: pageInfo.endCursor`. Live: rows
   * entering, leaving or moving in the window come as keyed patches (a value change that moves a row
   * into a window ordered by value is one `remove` and one `add`); a change outside it changes at most
   * `totalCount` and `pageInfo`.
   */
  rows: RowConnection;
  /** Whom the owner shared the dataset with; only the owner sees this list (others get an empty one). */
  shares: Array<Share>;
  /** Aggregates over the values of all rows. */
  summary: Summary;
  /** What the viewer asking may do with this dataset. */
  viewerRole?: Maybe<AccessRole>;
  /** PRIVATE or PUBLIC. */
  visibility: Visibility;
};


/** A named set of numeric rows with a summary computed on the server. */
export type DatasetRowsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  orderBy?: RowOrder;
};

/** A text document made of a title, a body and ordered sections. */
export type Document = {
  /** The body text, up to 100,000 characters. */
  body: Scalars['String']['output'];
  /** The comments on this document, oldest first. */
  comments: Array<Comment>;
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The viewer id of the document's owner (who created it). */
  owner: Scalars['ID']['output'];
  /** Increases by one with every change to the document or its sections; pass it as `expectedRevision` to update safely. */
  revision: Scalars['Int']['output'];
  /** The sections in their order. */
  sections: Array<Section>;
  /** Whom the owner shared the document with; only the owner sees this list (others get an empty one). */
  shares: Array<Share>;
  /** Free-form tags, used to filter `documents(tag:)`. */
  tags: Array<Scalars['String']['output']>;
  /** The title, 1 to 500 characters. */
  title: Scalars['String']['output'];
  /** When the document or one of its sections last changed (ISO 8601, UTC). */
  updatedAt: Scalars['String']['output'];
  /** What the viewer asking may do with this document. */
  viewerRole?: Maybe<AccessRole>;
  /** PRIVATE or PUBLIC. */
  visibility: Visibility;
};

/** A window of documents. */
export type DocumentConnection = {
  /** The documents of the window, in order. */
  nodes: Array<Document>;
  /** Where the window ends. */
  pageInfo: PageInfo;
  /** How many documents the whole list holds (not only the window). */
  totalCount: Scalars['Int']['output'];
};

/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type Mutation = {
  /** Adds a comment to a document. Fails with NOT_FOUND when the document does not exist. */
  addComment: Comment;
  /** Adds a section to a document at `position` (0-based; default: at the end). */
  addSection: Section;
  /** Creates an empty dataset. */
  createDataset: Dataset;
  /** Creates a document at revision 1. */
  createDocument: Document;
  /** Deletes a comment; returns its id. */
  deleteComment: Scalars['ID']['output'];
  /** Deletes a document and its sections; returns its id. */
  deleteDocument: Scalars['ID']['output'];
  /** Deletes rows by id; returns how many existed and were deleted. */
  deleteRows: Scalars['Int']['output'];
  /** Moves a section to `position` (0-based, clamped to the list) within its document; returns the document. */
  moveSection: Document;
  /** Removes a section; returns its id. */
  removeSection: Scalars['ID']['output'];
  /** Makes a dataset PRIVATE or PUBLIC. */
  setDatasetVisibility: Dataset;
  /** Makes a document PRIVATE or PUBLIC. */
  setDocumentVisibility: Document;
  /** Sets one row's value. */
  setRowValue: Row;
  /** Shares a dataset with a viewer as READER or EDITOR (replacing an earlier role). */
  shareDataset: Dataset;
  /** Shares a document with a viewer as READER or EDITOR (replacing an earlier role). */
  shareDocument: Document;
  /** Takes a viewer's share of a dataset away (nothing happens when there was none). */
  unshareDataset: Dataset;
  /** Takes a viewer's share of a document away (nothing happens when there was none). */
  unshareDocument: Document;
  /** Replaces a comment's body and stamps `editedAt`. */
  updateComment: Comment;
  /**
   * Changes the given fields of a document. With `expectedRevision`, the update happens only if the
   * document is still at that revision; otherwise it fails with code CONFLICT and nothing is written.
   */
  updateDocument: Document;
  /** Changes a section's heading and body. */
  updateSection: Section;
  /** Inserts rows without an id and updates those with one (at most 10,000 per call). */
  upsertRows: Array<Row>;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationAddCommentArgs = {
  documentId: Scalars['ID']['input'];
  input: CommentInput;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationAddSectionArgs = {
  documentId: Scalars['ID']['input'];
  input: SectionInput;
  position?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationCreateDatasetArgs = {
  name: Scalars['String']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationCreateDocumentArgs = {
  input: CreateDocumentInput;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationDeleteCommentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationDeleteDocumentArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationDeleteRowsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationMoveSectionArgs = {
  id: Scalars['ID']['input'];
  position: Scalars['Int']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationRemoveSectionArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationSetDatasetVisibilityArgs = {
  id: Scalars['ID']['input'];
  visibility: Visibility;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationSetDocumentVisibilityArgs = {
  id: Scalars['ID']['input'];
  visibility: Visibility;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationSetRowValueArgs = {
  id: Scalars['ID']['input'];
  value: Scalars['Float']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationShareDatasetArgs = {
  id: Scalars['ID']['input'];
  role: ShareRole;
  viewerId: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationShareDocumentArgs = {
  id: Scalars['ID']['input'];
  role: ShareRole;
  viewerId: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationUnshareDatasetArgs = {
  id: Scalars['ID']['input'];
  viewerId: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationUnshareDocumentArgs = {
  id: Scalars['ID']['input'];
  viewerId: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationUpdateCommentArgs = {
  body: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationUpdateDocumentArgs = {
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateDocumentInput;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationUpdateSectionArgs = {
  id: Scalars['ID']['input'];
  input: SectionInput;
};


/**
 * Writes. Every committed write reaches the live queries that read what it changed.
 * Errors carry `extensions.code`: BAD_USER_INPUT, NOT_FOUND or CONFLICT.
 */
export type MutationUpsertRowsArgs = {
  datasetId: Scalars['ID']['input'];
  rows: Array<RowInput>;
};

/** Where a window ends, and whether the list goes on after it. */
export type PageInfo = {
  /** An opaque cursor for the position after the window's last item (pass it as `after` for the next window); null when the window is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether the list holds items after the window. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The entry points for reading documents and datasets. Every field can be watched with `@live`. */
export type Query = {
  /** One dataset by id, or null if none has it. */
  dataset?: Maybe<Dataset>;
  /** All datasets, oldest first. */
  datasets: Array<Dataset>;
  /** One document by id, or null if none has it. A live query on a missing id goes live when it is created. */
  document?: Maybe<Document>;
  /**
   * A window of the documents the viewer may read, newest first; with `tag`, only those carrying that
   * tag. Page with `after: pageInfo.endCursor`. Live: documents entering, leaving or changing in the
   * window come as keyed patches; a change outside it changes at most `totalCount` and `pageInfo`.
   */
  documents: DocumentConnection;
  /** The status of the instance answering; operators only in production (FORBIDDEN otherwise). */
  serverStatus?: Maybe<ServerStatus>;
  /** The viewer asking, or null when anonymous. */
  viewer?: Maybe<Viewer>;
};


/** The entry points for reading documents and datasets. Every field can be watched with `@live`. */
export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


/** The entry points for reading documents and datasets. Every field can be watched with `@live`. */
export type QueryDocumentArgs = {
  id: Scalars['ID']['input'];
};


/** The entry points for reading documents and datasets. Every field can be watched with `@live`. */
export type QueryDocumentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  tag?: InputMaybe<Scalars['String']['input']>;
};

/** One labelled value of a dataset. */
export type Row = {
  /** Stable identifier. */
  id: Scalars['ID']['output'];
  /** The label, 1 to 200 characters. */
  label: Scalars['String']['output'];
  /** The value (a finite number). */
  value: Scalars['Float']['output'];
};

/** A window of a dataset's rows. */
export type RowConnection = {
  /** The rows of the window, in order. */
  nodes: Array<Row>;
  /** Where the window ends. */
  pageInfo: PageInfo;
  /** How many rows the dataset holds (not only the window). */
  totalCount: Scalars['Int']['output'];
};

/** A row to insert (no id) or update (with the id of a row of the same dataset). */
export type RowInput = {
  /** The id of an existing row of this dataset to update; omit to insert. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 200 characters. */
  label: Scalars['String']['input'];
  /** A finite number. */
  value: Scalars['Float']['input'];
};

/** How a dataset's rows are ordered. Rows with equal values keep their insertion order (reversed for `VALUE_DESC`). */
export type RowOrder =
  /** Insertion order, oldest first. */
  | 'POSITION_ASC'
  /** Insertion order, newest first. */
  | 'POSITION_DESC'
  /** Smallest value first. */
  | 'VALUE_ASC'
  /** Largest value first. */
  | 'VALUE_DESC';

/** A headed part of a document. */
export type Section = {
  /** The section text, up to 100,000 characters. */
  body: Scalars['String']['output'];
  /** The heading, 1 to 500 characters. */
  heading: Scalars['String']['output'];
  /** Stable identifier. */
  id: Scalars['ID']['output'];
};

/** A section's content. */
export type SectionInput = {
  /** Up to 100,000 characters. */
  body: Scalars['String']['input'];
  /** 1 to 500 characters. */
  heading: Scalars['String']['input'];
};

/** How one server instance is doing now, and over the last minutes. */
export type ServerStatus = {
  /** Median delivery time (a change reaching the engine → the update written to a client), milliseconds, over about the last minute; null without deliveries. */
  deliveryP50Ms?: Maybe<Scalars['Float']['output']>;
  /** 99th percentile of the delivery time, milliseconds; null without deliveries. */
  deliveryP99Ms?: Maybe<Scalars['Float']['output']>;
  /** Live query groups: distinct documents, variables and viewer scopes, each executed once for all its subscribers. */
  groups: Scalars['Int']['output'];
  /** The last 120 samples (10 minutes at the default interval of 5 s), oldest first. */
  history: Array<StatusSample>;
  /** Live query subscriptions, over both transports. */
  liveQueries: Scalars['Int']['output'];
  /** Live updates answering a change written to clients per second, over about the last minute. */
  patchesPerSecond: Scalars['Float']['output'];
  /** Milliseconds between two samples of the history. */
  sampleIntervalMs: Scalars['Int']['output'];
  /** Open WebSockets. */
  sockets: Scalars['Int']['output'];
  /** When this instance started (ISO 8601). */
  startedAt: Scalars['String']['output'];
  /** Open event streams (live queries over SSE). */
  streams: Scalars['Int']['output'];
  /** Seconds since this instance started. */
  uptimeSeconds: Scalars['Int']['output'];
};

/** One viewer an item is shared with. */
export type Share = {
  /** What they may do. */
  role: ShareRole;
  /** The viewer's id (the `sub` of their token). */
  viewerId: Scalars['ID']['output'];
};

/** What a viewer an item is shared with may do: READER reads; EDITOR also changes the content (and, on documents, sections and comments). */
export type ShareRole =
  | 'EDITOR'
  | 'READER';

/** One sample of a server's status. */
export type StatusSample = {
  /** When it was taken (ISO 8601). */
  at: Scalars['String']['output'];
  /** Median delivery time, milliseconds; null without deliveries. */
  deliveryP50Ms?: Maybe<Scalars['Float']['output']>;
  /** 99th percentile of the delivery time, milliseconds; null without deliveries. */
  deliveryP99Ms?: Maybe<Scalars['Float']['output']>;
  /** The sample's sequence number on its instance (stable while the sample stays in the history). */
  id: Scalars['ID']['output'];
  /** Live query subscriptions. */
  liveQueries: Scalars['Int']['output'];
  /** Live updates written per second, over about the minute before the sample. */
  patchesPerSecond: Scalars['Float']['output'];
  /** Open WebSockets. */
  sockets: Scalars['Int']['output'];
  /** Open event streams. */
  streams: Scalars['Int']['output'];
};

/** Aggregates over a dataset's row values, computed on the server. min, max and mean are null for an empty dataset. */
export type Summary = {
  /** Number of rows. */
  count: Scalars['Int']['output'];
  /** Largest value. */
  max?: Maybe<Scalars['Float']['output']>;
  /** Arithmetic mean of the values. */
  mean?: Maybe<Scalars['Float']['output']>;
  /** Smallest value. */
  min?: Maybe<Scalars['Float']['output']>;
  /** Sum of the values. */
  sum: Scalars['Float']['output'];
};

/** The fields to change; omitted fields keep their value. */
export type UpdateDocumentInput = {
  /** Up to 100,000 characters. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** Replaces all tags; up to 50 tags of 1 to 50 characters each. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1 to 500 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

/** The viewer asking: who signed in, from the token's `sub` and `name`. */
export type Viewer = {
  /** The token's `sub`. */
  id: Scalars['ID']['output'];
  /** The token's `name`, if it has one. */
  name?: Maybe<Scalars['String']['output']>;
};

/**
 * Who may read an item besides its owner and those it is shared with: PRIVATE (the default for new
 * items) or PUBLIC (everyone, signed in or not, may read it).
 */
export type Visibility =
  | 'PRIVATE'
  | 'PUBLIC';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessRole: AccessRole;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Comment: ResolverTypeWrapper<CommentRecord>;
  CommentInput: CommentInput;
  CreateDocumentInput: CreateDocumentInput;
  Dataset: ResolverTypeWrapper<DatasetRecord>;
  Document: ResolverTypeWrapper<DocumentRecord>;
  DocumentConnection: ResolverTypeWrapper<DocumentConnectionModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfoModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Row: ResolverTypeWrapper<RowRecord>;
  RowConnection: ResolverTypeWrapper<RowConnectionModel>;
  RowInput: RowInput;
  RowOrder: RowOrder;
  Section: ResolverTypeWrapper<SectionRecord>;
  SectionInput: SectionInput;
  ServerStatus: ResolverTypeWrapper<ServerStatus>;
  Share: ResolverTypeWrapper<Share>;
  ShareRole: ShareRole;
  StatusSample: ResolverTypeWrapper<StatusSample>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Summary: ResolverTypeWrapper<SummaryRecord>;
  UpdateDocumentInput: UpdateDocumentInput;
  Viewer: ResolverTypeWrapper<Viewer>;
  Visibility: Visibility;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  Comment: CommentRecord;
  CommentInput: CommentInput;
  CreateDocumentInput: CreateDocumentInput;
  Dataset: DatasetRecord;
  Document: DocumentRecord;
  DocumentConnection: DocumentConnectionModel;
  Float: Scalars['Float']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfoModel;
  Query: Record<PropertyKey, never>;
  Row: RowRecord;
  RowConnection: RowConnectionModel;
  RowInput: RowInput;
  Section: SectionRecord;
  SectionInput: SectionInput;
  ServerStatus: ServerStatus;
  Share: Share;
  StatusSample: StatusSample;
  String: Scalars['String']['output'];
  Summary: SummaryRecord;
  UpdateDocumentInput: UpdateDocumentInput;
  Viewer: Viewer;
};

export type LiveDirectiveArgs = {
  if?: Maybe<Scalars['Boolean']['input']>;
  throttle?: Maybe<Scalars['Int']['input']>;
};

export type LiveDirectiveResolver<Result, Parent, ContextType = AppContext, Args = LiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CommentResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Comment'] = ResolversParentTypes['Comment']> = {
  author?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  editedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DatasetResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rowCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['RowConnection'], ParentType, ContextType, RequireFields<DatasetRowsArgs, 'first' | 'orderBy'>>;
  shares?: Resolver<Array<ResolversTypes['Share']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['Summary'], ParentType, ContextType>;
  viewerRole?: Resolver<Maybe<ResolversTypes['AccessRole']>, ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
};

export type DocumentResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Document'] = ResolversParentTypes['Document']> = {
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  comments?: Resolver<Array<ResolversTypes['Comment']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  revision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sections?: Resolver<Array<ResolversTypes['Section']>, ParentType, ContextType>;
  shares?: Resolver<Array<ResolversTypes['Share']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  viewerRole?: Resolver<Maybe<ResolversTypes['AccessRole']>, ParentType, ContextType>;
  visibility?: Resolver<ResolversTypes['Visibility'], ParentType, ContextType>;
};

export type DocumentConnectionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['DocumentConnection'] = ResolversParentTypes['DocumentConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Document']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addComment?: Resolver<ResolversTypes['Comment'], ParentType, ContextType, RequireFields<MutationAddCommentArgs, 'documentId' | 'input'>>;
  addSection?: Resolver<ResolversTypes['Section'], ParentType, ContextType, RequireFields<MutationAddSectionArgs, 'documentId' | 'input'>>;
  createDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationCreateDatasetArgs, 'name'>>;
  createDocument?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationCreateDocumentArgs, 'input'>>;
  deleteComment?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteCommentArgs, 'id'>>;
  deleteDocument?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteDocumentArgs, 'id'>>;
  deleteRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<MutationDeleteRowsArgs, 'ids'>>;
  moveSection?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationMoveSectionArgs, 'id' | 'position'>>;
  removeSection?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationRemoveSectionArgs, 'id'>>;
  setDatasetVisibility?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationSetDatasetVisibilityArgs, 'id' | 'visibility'>>;
  setDocumentVisibility?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationSetDocumentVisibilityArgs, 'id' | 'visibility'>>;
  setRowValue?: Resolver<ResolversTypes['Row'], ParentType, ContextType, RequireFields<MutationSetRowValueArgs, 'id' | 'value'>>;
  shareDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationShareDatasetArgs, 'id' | 'role' | 'viewerId'>>;
  shareDocument?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationShareDocumentArgs, 'id' | 'role' | 'viewerId'>>;
  unshareDataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationUnshareDatasetArgs, 'id' | 'viewerId'>>;
  unshareDocument?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationUnshareDocumentArgs, 'id' | 'viewerId'>>;
  updateComment?: Resolver<ResolversTypes['Comment'], ParentType, ContextType, RequireFields<MutationUpdateCommentArgs, 'body' | 'id'>>;
  updateDocument?: Resolver<ResolversTypes['Document'], ParentType, ContextType, RequireFields<MutationUpdateDocumentArgs, 'id' | 'input'>>;
  updateSection?: Resolver<ResolversTypes['Section'], ParentType, ContextType, RequireFields<MutationUpdateSectionArgs, 'id' | 'input'>>;
  upsertRows?: Resolver<Array<ResolversTypes['Row']>, ParentType, ContextType, RequireFields<MutationUpsertRowsArgs, 'datasetId' | 'rows'>>;
};

export type PageInfoResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  dataset?: Resolver<Maybe<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<QueryDatasetArgs, 'id'>>;
  datasets?: Resolver<Array<ResolversTypes['Dataset']>, ParentType, ContextType>;
  document?: Resolver<Maybe<ResolversTypes['Document']>, ParentType, ContextType, RequireFields<QueryDocumentArgs, 'id'>>;
  documents?: Resolver<ResolversTypes['DocumentConnection'], ParentType, ContextType, RequireFields<QueryDocumentsArgs, 'first'>>;
  serverStatus?: Resolver<Maybe<ResolversTypes['ServerStatus']>, ParentType, ContextType>;
  viewer?: Resolver<Maybe<ResolversTypes['Viewer']>, ParentType, ContextType>;
};

export type RowResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Row'] = ResolversParentTypes['Row']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RowConnectionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['RowConnection'] = ResolversParentTypes['RowConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Row']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SectionResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Section'] = ResolversParentTypes['Section']> = {
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  heading?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ServerStatusResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['ServerStatus'] = ResolversParentTypes['ServerStatus']> = {
  deliveryP50Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  deliveryP99Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  groups?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['StatusSample']>, ParentType, ContextType>;
  liveQueries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  patchesPerSecond?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sampleIntervalMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sockets?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  streams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uptimeSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ShareResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Share'] = ResolversParentTypes['Share']> = {
  role?: Resolver<ResolversTypes['ShareRole'], ParentType, ContextType>;
  viewerId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type StatusSampleResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['StatusSample'] = ResolversParentTypes['StatusSample']> = {
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveryP50Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  deliveryP99Ms?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  liveQueries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  patchesPerSecond?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sockets?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  streams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SummaryResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Summary'] = ResolversParentTypes['Summary']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  sum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = AppContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = AppContext> = {
  Comment?: CommentResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  Document?: DocumentResolvers<ContextType>;
  DocumentConnection?: DocumentConnectionResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Row?: RowResolvers<ContextType>;
  RowConnection?: RowConnectionResolvers<ContextType>;
  Section?: SectionResolvers<ContextType>;
  ServerStatus?: ServerStatusResolvers<ContextType>;
  Share?: ShareResolvers<ContextType>;
  StatusSample?: StatusSampleResolvers<ContextType>;
  Summary?: SummaryResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = AppContext> = {
  live?: LiveDirectiveResolver<any, any, ContextType>;
};
