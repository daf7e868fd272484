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
 * One dataset with its summary and the first rows (for the chart); the table reads its own windows
 * (DatasetRowsQuery). The throttle coalesces bursts of writes (bulk upserts) into one patch per 100 ms.
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
      chartRows: rows(first: 200) {
        nodes {
          id
          value
        }
      }
    }
  }
`);

/**
 * One window of a dataset's rows in `orderBy` order, live: rows entering, leaving or moving in it
 * arrive as keyed patches, changes elsewhere only as `totalCount` and `pageInfo`.
 */
export const DatasetRowsQuery = graphql(`
  query DatasetRows($id: ID!, $first: Int!, $after: String, $orderBy: RowOrder!) @live(throttle: 100) {
    dataset(id: $id) {
      id
      rows(first: $first, after: $after, orderBy: $orderBy) {
        nodes {
          id
          label
          value
        }
        pageInfo {
          endCursor
          hasNextPage
        }
        totalCount
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
