/** The operations of the dataset pages. */
import { graphql } from '../gql/index.js';

/** All datasets with their size. */
export const DatasetListQuery = graphql(`
  query DatasetList @live {
    datasets {
      id
      name
      rowCount
      visibility
      viewerRole
    }
  }
`);

/**
 * One dataset with every row and its summary. The throttle coalesces bursts of writes (bulk
 * upserts) into one patch per 100 ms.
 */
export const DatasetViewQuery = graphql(`
  query DatasetView($id: ID!) @live(throttle: 100) {
    dataset(id: $id) {
      id
      name
      rowCount
      owner
      visibility
      viewerRole
      shares {
        viewerId
        role
      }
      summary {
        count
        sum
        min
        max
        mean
      }
      rows {
        id
        label
        value
      }
    }
  }
`);

export const SetRowValueMutation = graphql(`
  mutation SetRowValue($id: ID!, $value: Float!) {
    setRowValue(id: $id, value: $value) {
      id
      value
    }
  }
`);

/** An empty dataset, PRIVATE and owned by the viewer creating it. */
export const CreateDatasetMutation = graphql(`
  mutation CreateDataset($name: String!) {
    createDataset(name: $name) {
      id
    }
  }
`);
