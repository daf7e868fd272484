/** The operations of the document pages. Live queries update in place; mutations go over HTTP. */
import { graphql } from '../gql/index.js';

/** One page of the documents (or those with a tag), newest first: `after` is the endCursor of the page before. */
export const DocumentListQuery = graphql(`
  query DocumentList($tag: String, $first: Int!, $after: String) @live {
    documents(tag: $tag, first: $first, after: $after) {
      nodes {
        id
        title
        tags
        updatedAt
        visibility
        viewerRole
      }
      pageInfo {
        endCursor
        hasNextPage
      }
      totalCount
    }
  }
`);

/** The tags of the 100 newest documents, for the filter. */
export const AllTagsQuery = graphql(`
  query AllTags @live {
    documents(first: 100) {
      nodes {
        id
        tags
      }
    }
  }
`);

/**
 * One document with its sections, and who may do what with it: the viewer's role, and for the owner
 * the shares (others get an empty list). Null when it does not exist or the viewer may not read it.
 */
export const DocumentViewQuery = graphql(`
  query DocumentView($id: ID!) @live {
    document(id: $id) {
      id
      title
      body
      tags
      revision
      updatedAt
      owner
      visibility
      viewerRole
      shares {
        viewerId
        role
      }
      sections {
        id
        heading
        body
      }
    }
  }
`);

/**
 * The comments on one document, oldest first. A live query of its own rather than a field of
 * DocumentView: the panel owns its data, a burst of comments re-renders only the panel and not the
 * document and its sections (and document edits leave the panel alone); both share the one socket.
 */
export const DocumentCommentsQuery = graphql(`
  query DocumentComments($id: ID!) @live {
    document(id: $id) {
      id
      comments {
        id
        author
        body
        createdAt
        editedAt
      }
    }
  }
`);

export const CreateDocumentMutation = graphql(`
  mutation CreateDocument($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      id
    }
  }
`);

/** Sends the revision the edit started from: a concurrent change fails with CONFLICT instead of being lost. */
export const UpdateDocumentMutation = graphql(`
  mutation UpdateDocument($id: ID!, $input: UpdateDocumentInput!, $expectedRevision: Int) {
    updateDocument(id: $id, input: $input, expectedRevision: $expectedRevision) {
      id
      revision
    }
  }
`);

export const DeleteDocumentMutation = graphql(`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id)
  }
`);

export const AddSectionMutation = graphql(`
  mutation AddSection($documentId: ID!, $input: SectionInput!, $position: Int) {
    addSection(documentId: $documentId, input: $input, position: $position) {
      id
    }
  }
`);

export const UpdateSectionMutation = graphql(`
  mutation UpdateSection($id: ID!, $input: SectionInput!) {
    updateSection(id: $id, input: $input) {
      id
    }
  }
`);

export const MoveSectionMutation = graphql(`
  mutation MoveSection($id: ID!, $position: Int!) {
    moveSection(id: $id, position: $position) {
      id
      revision
    }
  }
`);

export const RemoveSectionMutation = graphql(`
  mutation RemoveSection($id: ID!) {
    removeSection(id: $id)
  }
`);

/** Author 1–100 characters, body 1–10,000; the live query shows the new comment. */
export const AddCommentMutation = graphql(`
  mutation AddComment($documentId: ID!, $input: CommentInput!) {
    addComment(documentId: $documentId, input: $input) {
      id
    }
  }
`);

export const UpdateCommentMutation = graphql(`
  mutation UpdateComment($id: ID!, $body: String!) {
    updateComment(id: $id, body: $body) {
      id
      editedAt
    }
  }
`);

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);
