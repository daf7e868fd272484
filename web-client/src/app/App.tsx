/** The app shell: top bar with navigation, sign-in and the connection indicator, then the page of the route. */
import type { ConnectionState, TransportState } from '../../../client/index.js';
import { ViewerSessionProvider } from '../auth/signedIn.js';
import { SignInBox } from '../auth/SignInBox.js';
import type { ViewerSession } from '../auth/viewerSession.js';
import { DatasetsPage } from '../datasets/DatasetsPage.js';
import { DocumentsPage } from '../documents/DocumentsPage.js';
import { StatusPage } from '../status/StatusPage.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { Link, parseRoute, usePath, type Route } from './router.js';
import { TransportSwitch } from './TransportSwitch.js';
import type { TransportSetting } from './transportSetting.js';

/** What the app shows of its live connection, and the setting that picks its transport. */
interface AppProps {
  connection: ConnectionState;
  transport: TransportState;
  transportSetting: TransportSetting;
  session: ViewerSession;
}

/** The page of `route`. */
function RoutePage({ route }: { route: Route }) {
  switch (route.page) {
    case 'documents':
      return <DocumentsPage documentId={route.documentId} />;
    case 'datasets':
      return <DatasetsPage datasetId={route.datasetId} />;
    case 'status':
      return <StatusPage />;
  }
}

/** Renders the app for the current path, for the viewer of `session`. */
export function App({ connection, transport, transportSetting, session }: AppProps) {
  const route = parseRoute(usePath());
  return (
    <ViewerSessionProvider session={session}>
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
            <Link href="/status" className={route.page === 'status' ? 'is-active' : undefined}>
              Status
            </Link>
            <a href="/graphql" target="_blank" rel="noreferrer" className="topnav__external">
              GraphiQL ↗
            </a>
          </nav>
          <SignInBox session={session} />
          <TransportSwitch setting={transportSetting} />
          <ConnectionIndicator connection={connection} transport={transport} />
        </header>
        <RoutePage route={route} />
      </div>
    </ViewerSessionProvider>
  );
}
