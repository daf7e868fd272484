/** The status page's operation: the server's figures and its last minutes of samples, live (a patch per sample). */
import { graphql } from '../gql/index.js';

/** The status of the server instance answering; FORBIDDEN for viewers who are not operators (production). */
export const ServerStatusQuery = graphql(`
  query ServerStatus @live {
    serverStatus {
      sockets
      streams
      groups
      liveQueries
      patchesPerSecond
      deliveryP50Ms
      deliveryP99Ms
      uptimeSeconds
      startedAt
      sampleIntervalMs
      history {
        id
        at
        sockets
        streams
        liveQueries
        patchesPerSecond
        deliveryP50Ms
        deliveryP99Ms
      }
    }
  }
`);
