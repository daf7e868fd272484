/**
 * Sharing documents and datasets: only the owner may. The answers carry what changed, but the live
 * queries deliver it to every viewer anyway (and make items appear or go for those gaining or losing access).
 */
import { graphql } from '../gql/index.js';

export const ShareDocumentMutation = graphql(`
  mutation ShareDocument($id: ID!, $viewerId: ID!, $role: ShareRole!) {
    shareDocument(id: $id, viewerId: $viewerId, role: $role) {
      id
      shares {
        viewerId
        role
      }
    }
  }
`);

export const UnshareDocumentMutation = graphql(`
  mutation UnshareDocument($id: ID!, $viewerId: ID!) {
    unshareDocument(id: $id, viewerId: $viewerId) {
      id
      shares {
        viewerId
        role
      }
    }
  }
`);

export const SetDocumentVisibilityMutation = graphql(`
  mutation SetDocumentVisibility($id: ID!, $visibility: Visibility!) {
    setDocumentVisibility(id: $id, visibility: $visibility) {
      id
      visibility
    }
  }
`);

export const ShareDatasetMutation = graphql(`
  mutation ShareDataset($id: ID!, $viewerId: ID!, $role: ShareRole!) {
    shareDataset(id: $id, viewerId: $viewerId, role: $role) {
      id
      shares {
        viewerId
        role
      }
    }
  }
`);

export const UnshareDatasetMutation = graphql(`
  mutation UnshareDataset($id: ID!, $viewerId: ID!) {
    unshareDataset(id: $id, viewerId: $viewerId) {
      id
      shares {
        viewerId
        role
      }
    }
  }
`);

export const SetDatasetVisibilityMutation = graphql(`
  mutation SetDatasetVisibility($id: ID!, $visibility: Visibility!) {
    setDatasetVisibility(id: $id, visibility: $visibility) {
      id
      visibility
    }
  }
`);
