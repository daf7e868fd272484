/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DatasetList @live {\n    datasets {\n      id\n      name\n      rowCount\n      visibility\n      viewerRole\n    }\n  }\n": typeof types.DatasetListDocument,
    "\n  query DatasetView($id: ID!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      name\n      rowCount\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      summary {\n        count\n        sum\n        min\n        max\n        mean\n      }\n      chartRows: rows(first: 200) {\n        nodes {\n          id\n          value\n        }\n      }\n    }\n  }\n": typeof types.DatasetViewDocument,
    "\n  query DatasetRows($id: ID!, $first: Int!, $after: String, $orderBy: RowOrder!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      rows(first: $first, after: $after, orderBy: $orderBy) {\n        nodes {\n          id\n          label\n          value\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        totalCount\n      }\n    }\n  }\n": typeof types.DatasetRowsDocument,
    "\n  mutation SetRowValue($id: ID!, $value: Float!) {\n    setRowValue(id: $id, value: $value) {\n      id\n      value\n    }\n  }\n": typeof types.SetRowValueDocument,
    "\n  mutation CreateDataset($name: String!) {\n    createDataset(name: $name) {\n      id\n    }\n  }\n": typeof types.CreateDatasetDocument,
    "\n  query DocumentList($tag: String, $first: Int!, $after: String) @live {\n    documents(tag: $tag, first: $first, after: $after) {\n      nodes {\n        id\n        title\n        tags\n        updatedAt\n        visibility\n        viewerRole\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": typeof types.DocumentListDocument,
    "\n  query AllTags @live {\n    documents(first: 100) {\n      nodes {\n        id\n        tags\n      }\n    }\n  }\n": typeof types.AllTagsDocument,
    "\n  query DocumentView($id: ID!) @live {\n    document(id: $id) {\n      id\n      title\n      body\n      tags\n      revision\n      updatedAt\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      sections {\n        id\n        heading\n        body\n      }\n    }\n  }\n": typeof types.DocumentViewDocument,
    "\n  query DocumentComments($id: ID!) @live {\n    document(id: $id) {\n      id\n      comments {\n        id\n        author\n        body\n        createdAt\n        editedAt\n      }\n    }\n  }\n": typeof types.DocumentCommentsDocument,
    "\n  mutation CreateDocument($input: CreateDocumentInput!) {\n    createDocument(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateDocumentDocument,
    "\n  mutation UpdateDocument($id: ID!, $input: UpdateDocumentInput!, $expectedRevision: Int) {\n    updateDocument(id: $id, input: $input, expectedRevision: $expectedRevision) {\n      id\n      revision\n    }\n  }\n": typeof types.UpdateDocumentDocument,
    "\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n": typeof types.DeleteDocumentDocument,
    "\n  mutation AddSection($documentId: ID!, $input: SectionInput!, $position: Int) {\n    addSection(documentId: $documentId, input: $input, position: $position) {\n      id\n    }\n  }\n": typeof types.AddSectionDocument,
    "\n  mutation UpdateSection($id: ID!, $input: SectionInput!) {\n    updateSection(id: $id, input: $input) {\n      id\n    }\n  }\n": typeof types.UpdateSectionDocument,
    "\n  mutation MoveSection($id: ID!, $position: Int!) {\n    moveSection(id: $id, position: $position) {\n      id\n      revision\n    }\n  }\n": typeof types.MoveSectionDocument,
    "\n  mutation RemoveSection($id: ID!) {\n    removeSection(id: $id)\n  }\n": typeof types.RemoveSectionDocument,
    "\n  mutation AddComment($documentId: ID!, $input: CommentInput!) {\n    addComment(documentId: $documentId, input: $input) {\n      id\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation UpdateComment($id: ID!, $body: String!) {\n    updateComment(id: $id, body: $body) {\n      id\n      editedAt\n    }\n  }\n": typeof types.UpdateCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation ShareDocument($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDocument(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": typeof types.ShareDocumentDocument,
    "\n  mutation UnshareDocument($id: ID!, $viewerId: ID!) {\n    unshareDocument(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": typeof types.UnshareDocumentDocument,
    "\n  mutation SetDocumentVisibility($id: ID!, $visibility: Visibility!) {\n    setDocumentVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n": typeof types.SetDocumentVisibilityDocument,
    "\n  mutation ShareDataset($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDataset(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": typeof types.ShareDatasetDocument,
    "\n  mutation UnshareDataset($id: ID!, $viewerId: ID!) {\n    unshareDataset(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": typeof types.UnshareDatasetDocument,
    "\n  mutation SetDatasetVisibility($id: ID!, $visibility: Visibility!) {\n    setDatasetVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n": typeof types.SetDatasetVisibilityDocument,
    "\n  query ServerStatus @live {\n    serverStatus {\n      sockets\n      streams\n      groups\n      liveQueries\n      patchesPerSecond\n      deliveryP50Ms\n      deliveryP99Ms\n      uptimeSeconds\n      startedAt\n      sampleIntervalMs\n      history {\n        id\n        at\n        sockets\n        streams\n        liveQueries\n        patchesPerSecond\n        deliveryP50Ms\n        deliveryP99Ms\n      }\n    }\n  }\n": typeof types.ServerStatusDocument,
};
const documents: Documents = {
    "\n  query DatasetList @live {\n    datasets {\n      id\n      name\n      rowCount\n      visibility\n      viewerRole\n    }\n  }\n": types.DatasetListDocument,
    "\n  query DatasetView($id: ID!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      name\n      rowCount\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      summary {\n        count\n        sum\n        min\n        max\n        mean\n      }\n      chartRows: rows(first: 200) {\n        nodes {\n          id\n          value\n        }\n      }\n    }\n  }\n": types.DatasetViewDocument,
    "\n  query DatasetRows($id: ID!, $first: Int!, $after: String, $orderBy: RowOrder!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      rows(first: $first, after: $after, orderBy: $orderBy) {\n        nodes {\n          id\n          label\n          value\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        totalCount\n      }\n    }\n  }\n": types.DatasetRowsDocument,
    "\n  mutation SetRowValue($id: ID!, $value: Float!) {\n    setRowValue(id: $id, value: $value) {\n      id\n      value\n    }\n  }\n": types.SetRowValueDocument,
    "\n  mutation CreateDataset($name: String!) {\n    createDataset(name: $name) {\n      id\n    }\n  }\n": types.CreateDatasetDocument,
    "\n  query DocumentList($tag: String, $first: Int!, $after: String) @live {\n    documents(tag: $tag, first: $first, after: $after) {\n      nodes {\n        id\n        title\n        tags\n        updatedAt\n        visibility\n        viewerRole\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n": types.DocumentListDocument,
    "\n  query AllTags @live {\n    documents(first: 100) {\n      nodes {\n        id\n        tags\n      }\n    }\n  }\n": types.AllTagsDocument,
    "\n  query DocumentView($id: ID!) @live {\n    document(id: $id) {\n      id\n      title\n      body\n      tags\n      revision\n      updatedAt\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      sections {\n        id\n        heading\n        body\n      }\n    }\n  }\n": types.DocumentViewDocument,
    "\n  query DocumentComments($id: ID!) @live {\n    document(id: $id) {\n      id\n      comments {\n        id\n        author\n        body\n        createdAt\n        editedAt\n      }\n    }\n  }\n": types.DocumentCommentsDocument,
    "\n  mutation CreateDocument($input: CreateDocumentInput!) {\n    createDocument(input: $input) {\n      id\n    }\n  }\n": types.CreateDocumentDocument,
    "\n  mutation UpdateDocument($id: ID!, $input: UpdateDocumentInput!, $expectedRevision: Int) {\n    updateDocument(id: $id, input: $input, expectedRevision: $expectedRevision) {\n      id\n      revision\n    }\n  }\n": types.UpdateDocumentDocument,
    "\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n": types.DeleteDocumentDocument,
    "\n  mutation AddSection($documentId: ID!, $input: SectionInput!, $position: Int) {\n    addSection(documentId: $documentId, input: $input, position: $position) {\n      id\n    }\n  }\n": types.AddSectionDocument,
    "\n  mutation UpdateSection($id: ID!, $input: SectionInput!) {\n    updateSection(id: $id, input: $input) {\n      id\n    }\n  }\n": types.UpdateSectionDocument,
    "\n  mutation MoveSection($id: ID!, $position: Int!) {\n    moveSection(id: $id, position: $position) {\n      id\n      revision\n    }\n  }\n": types.MoveSectionDocument,
    "\n  mutation RemoveSection($id: ID!) {\n    removeSection(id: $id)\n  }\n": types.RemoveSectionDocument,
    "\n  mutation AddComment($documentId: ID!, $input: CommentInput!) {\n    addComment(documentId: $documentId, input: $input) {\n      id\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation UpdateComment($id: ID!, $body: String!) {\n    updateComment(id: $id, body: $body) {\n      id\n      editedAt\n    }\n  }\n": types.UpdateCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": types.DeleteCommentDocument,
    "\n  mutation ShareDocument($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDocument(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": types.ShareDocumentDocument,
    "\n  mutation UnshareDocument($id: ID!, $viewerId: ID!) {\n    unshareDocument(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": types.UnshareDocumentDocument,
    "\n  mutation SetDocumentVisibility($id: ID!, $visibility: Visibility!) {\n    setDocumentVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n": types.SetDocumentVisibilityDocument,
    "\n  mutation ShareDataset($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDataset(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": types.ShareDatasetDocument,
    "\n  mutation UnshareDataset($id: ID!, $viewerId: ID!) {\n    unshareDataset(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n": types.UnshareDatasetDocument,
    "\n  mutation SetDatasetVisibility($id: ID!, $visibility: Visibility!) {\n    setDatasetVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n": types.SetDatasetVisibilityDocument,
    "\n  query ServerStatus @live {\n    serverStatus {\n      sockets\n      streams\n      groups\n      liveQueries\n      patchesPerSecond\n      deliveryP50Ms\n      deliveryP99Ms\n      uptimeSeconds\n      startedAt\n      sampleIntervalMs\n      history {\n        id\n        at\n        sockets\n        streams\n        liveQueries\n        patchesPerSecond\n        deliveryP50Ms\n        deliveryP99Ms\n      }\n    }\n  }\n": types.ServerStatusDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetList @live {\n    datasets {\n      id\n      name\n      rowCount\n      visibility\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  query DatasetList @live {\n    datasets {\n      id\n      name\n      rowCount\n      visibility\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetView($id: ID!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      name\n      rowCount\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      summary {\n        count\n        sum\n        min\n        max\n        mean\n      }\n      chartRows: rows(first: 200) {\n        nodes {\n          id\n          value\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DatasetView($id: ID!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      name\n      rowCount\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      summary {\n        count\n        sum\n        min\n        max\n        mean\n      }\n      chartRows: rows(first: 200) {\n        nodes {\n          id\n          value\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DatasetRows($id: ID!, $first: Int!, $after: String, $orderBy: RowOrder!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      rows(first: $first, after: $after, orderBy: $orderBy) {\n        nodes {\n          id\n          label\n          value\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query DatasetRows($id: ID!, $first: Int!, $after: String, $orderBy: RowOrder!) @live(throttle: 100) {\n    dataset(id: $id) {\n      id\n      rows(first: $first, after: $after, orderBy: $orderBy) {\n        nodes {\n          id\n          label\n          value\n        }\n        pageInfo {\n          endCursor\n          hasNextPage\n        }\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRowValue($id: ID!, $value: Float!) {\n    setRowValue(id: $id, value: $value) {\n      id\n      value\n    }\n  }\n"): (typeof documents)["\n  mutation SetRowValue($id: ID!, $value: Float!) {\n    setRowValue(id: $id, value: $value) {\n      id\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDataset($name: String!) {\n    createDataset(name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDataset($name: String!) {\n    createDataset(name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentList($tag: String, $first: Int!, $after: String) @live {\n    documents(tag: $tag, first: $first, after: $after) {\n      nodes {\n        id\n        title\n        tags\n        updatedAt\n        visibility\n        viewerRole\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DocumentList($tag: String, $first: Int!, $after: String) @live {\n    documents(tag: $tag, first: $first, after: $after) {\n      nodes {\n        id\n        title\n        tags\n        updatedAt\n        visibility\n        viewerRole\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllTags @live {\n    documents(first: 100) {\n      nodes {\n        id\n        tags\n      }\n    }\n  }\n"): (typeof documents)["\n  query AllTags @live {\n    documents(first: 100) {\n      nodes {\n        id\n        tags\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentView($id: ID!) @live {\n    document(id: $id) {\n      id\n      title\n      body\n      tags\n      revision\n      updatedAt\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      sections {\n        id\n        heading\n        body\n      }\n    }\n  }\n"): (typeof documents)["\n  query DocumentView($id: ID!) @live {\n    document(id: $id) {\n      id\n      title\n      body\n      tags\n      revision\n      updatedAt\n      owner\n      visibility\n      viewerRole\n      shares {\n        viewerId\n        role\n      }\n      sections {\n        id\n        heading\n        body\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DocumentComments($id: ID!) @live {\n    document(id: $id) {\n      id\n      comments {\n        id\n        author\n        body\n        createdAt\n        editedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query DocumentComments($id: ID!) @live {\n    document(id: $id) {\n      id\n      comments {\n        id\n        author\n        body\n        createdAt\n        editedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDocument($input: CreateDocumentInput!) {\n    createDocument(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDocument($input: CreateDocumentInput!) {\n    createDocument(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDocument($id: ID!, $input: UpdateDocumentInput!, $expectedRevision: Int) {\n    updateDocument(id: $id, input: $input, expectedRevision: $expectedRevision) {\n      id\n      revision\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateDocument($id: ID!, $input: UpdateDocumentInput!, $expectedRevision: Int) {\n    updateDocument(id: $id, input: $input, expectedRevision: $expectedRevision) {\n      id\n      revision\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteDocument($id: ID!) {\n    deleteDocument(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddSection($documentId: ID!, $input: SectionInput!, $position: Int) {\n    addSection(documentId: $documentId, input: $input, position: $position) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddSection($documentId: ID!, $input: SectionInput!, $position: Int) {\n    addSection(documentId: $documentId, input: $input, position: $position) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSection($id: ID!, $input: SectionInput!) {\n    updateSection(id: $id, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSection($id: ID!, $input: SectionInput!) {\n    updateSection(id: $id, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveSection($id: ID!, $position: Int!) {\n    moveSection(id: $id, position: $position) {\n      id\n      revision\n    }\n  }\n"): (typeof documents)["\n  mutation MoveSection($id: ID!, $position: Int!) {\n    moveSection(id: $id, position: $position) {\n      id\n      revision\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSection($id: ID!) {\n    removeSection(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemoveSection($id: ID!) {\n    removeSection(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($documentId: ID!, $input: CommentInput!) {\n    addComment(documentId: $documentId, input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($documentId: ID!, $input: CommentInput!) {\n    addComment(documentId: $documentId, input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateComment($id: ID!, $body: String!) {\n    updateComment(id: $id, body: $body) {\n      id\n      editedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateComment($id: ID!, $body: String!) {\n    updateComment(id: $id, body: $body) {\n      id\n      editedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShareDocument($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDocument(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ShareDocument($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDocument(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnshareDocument($id: ID!, $viewerId: ID!) {\n    unshareDocument(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnshareDocument($id: ID!, $viewerId: ID!) {\n    unshareDocument(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDocumentVisibility($id: ID!, $visibility: Visibility!) {\n    setDocumentVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n"): (typeof documents)["\n  mutation SetDocumentVisibility($id: ID!, $visibility: Visibility!) {\n    setDocumentVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShareDataset($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDataset(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ShareDataset($id: ID!, $viewerId: ID!, $role: ShareRole!) {\n    shareDataset(id: $id, viewerId: $viewerId, role: $role) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnshareDataset($id: ID!, $viewerId: ID!) {\n    unshareDataset(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnshareDataset($id: ID!, $viewerId: ID!) {\n    unshareDataset(id: $id, viewerId: $viewerId) {\n      id\n      shares {\n        viewerId\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDatasetVisibility($id: ID!, $visibility: Visibility!) {\n    setDatasetVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n"): (typeof documents)["\n  mutation SetDatasetVisibility($id: ID!, $visibility: Visibility!) {\n    setDatasetVisibility(id: $id, visibility: $visibility) {\n      id\n      visibility\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerStatus @live {\n    serverStatus {\n      sockets\n      streams\n      groups\n      liveQueries\n      patchesPerSecond\n      deliveryP50Ms\n      deliveryP99Ms\n      uptimeSeconds\n      startedAt\n      sampleIntervalMs\n      history {\n        id\n        at\n        sockets\n        streams\n        liveQueries\n        patchesPerSecond\n        deliveryP50Ms\n        deliveryP99Ms\n      }\n    }\n  }\n"): (typeof documents)["\n  query ServerStatus @live {\n    serverStatus {\n      sockets\n      streams\n      groups\n      liveQueries\n      patchesPerSecond\n      deliveryP50Ms\n      deliveryP99Ms\n      uptimeSeconds\n      startedAt\n      sampleIntervalMs\n      history {\n        id\n        at\n        sockets\n        streams\n        liveQueries\n        patchesPerSecond\n        deliveryP50Ms\n        deliveryP99Ms\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;