/** Entry of the live GraphiQL page served at GET /graphql. */
import './setupMonacoWorkers.js';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLiveSocket } from '../../../client/index.js';
import { createLiveFetcher } from './createLiveFetcher.js';
import { socketsByAuthorization } from './socketsByAuthorization.js';
import { readPageOptions } from './readPageOptions.js';

const options = readPageOptions();
if (options.title) document.title = options.title;

// The server serves this page at its endpoint (GET /graphql); the dev server serves it as /graphiql.html.
const endpoint = new URL(options.endpoint ?? '/graphql', window.location.href);
const socketUrl = new URL(endpoint);
socketUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

const socketFor = socketsByAuthorization((connectionParams) =>
  createLiveSocket({ url: socketUrl.href, backoff: { baseMs: 300, maxMs: 5_000 }, connectionParams }),
);
const fetcher = createLiveFetcher({ httpUrl: endpoint.href, socketFor });
const search = new URLSearchParams(window.location.search);

const root = document.getElementById('graphiql');
if (!root) throw new Error('graphiql.html has no #graphiql element');

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={options.defaultQuery}
      initialQuery={search.get('query') ?? undefined}
      initialVariables={search.get('variables') ?? undefined}
    >
      <GraphiQL.Logo>livedoc</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
