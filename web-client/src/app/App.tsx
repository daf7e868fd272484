/** The app shell: top bar with navigation and the connection indicator, then the page of the route. */
import type { ConnectionState } from '../../../client/index.js';
import { DatasetsPage } from '../datasets/DatasetsPage.js';
import { DocumentsPage } from '../documents/DocumentsPage.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { Link, parseRoute, usePath } from './router.js';

/** Renders the app for the current path. */
export function App({ connection }: { connection: ConnectionState }) {
  const route = parseRoute(usePath());
  return (
    <div className="app">
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          livedoc
        </Link>
        <nav className="topnav">
          <Link href="/" className={route.page === 'documents' ? 'is-active' : undefined}>
            Documents
          </Link>
          <Link href="/datasets" className={route.page === 'datasets' ? 'is-active' : undefined}>
            Datasets
          </Link>
          <a href="/graphql" target="_blank" rel="noreferrer" className="topnav__external">
            GraphiQL ↗
          </a>
        </nav>
        <ConnectionIndicator connection={connection} />
      </header>
      {route.page === 'documents' ? (
        <DocumentsPage documentId={route.documentId} />
      ) : (
        <DatasetsPage datasetId={route.datasetId} />
      )}
    </div>
  );
}
