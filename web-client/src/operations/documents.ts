/** The operations of the document pages. Live queries update in place; mutations go over HTTP. */
import { graphql } from '../gql/index.js';

/** Titles of all documents (or those with a tag), newest first. */
export const DocumentListQuery = graphql(`
  query DocumentList($tag: String) @live {
    documents(tag: $tag) {
      id
      title
      tags
      updatedAt
    }
  }
`);

/** Every tag in use, for the filter. */
export const AllTagsQuery = graphql(`
  query AllTags @live {
    documents {
      id
      tags
    }
  }
`);

/** One document with its sections. */
export const DocumentViewQuery = graphql(`
  query DocumentView($id: ID!) @live {
    document(id: $id) {
      id
      title
      body
      tags
      revision
      updatedAt
      sections {
        id
        heading
        body
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
