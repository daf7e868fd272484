/** The operations of the Node example, typed by codegen (examples/node-client/gql). */
import { graphql } from './gql/index.js';

/** A document's title, revision and section headings, live. */
export const WatchDocumentQuery = graphql(`
  query WatchDocument($id: ID!) @live {
    document(id: $id) {
      id
      title
      revision
      sections {
        id
        heading
      }
    }
  }
`);

/** Renames a document. */
export const RenameDocumentMutation = graphql(`
  mutation RenameDocument($id: ID!, $title: String!) {
    updateDocument(id: $id, input: { title: $title }) {
      id
      title
      revision
    }
  }
`);
