/** Entry of the web client. */
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app/App.js';
import { createAppClients, type AppClients } from './app/appClients.js';
import { createViewerSession, type ViewerSession } from './auth/viewerSession.js';
import './styles.css';

const session = createViewerSession();
const clients = createAppClients(session);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** The app with the client of the tab's current viewer (a new one after signing in or out). */
function Root({ clients, session }: { clients: AppClients; session: ViewerSession }) {
  const { client, connection } = useSyncExternalStore(clients.subscribe, clients.get);
  return (
    <Provider value={client}>
      <App connection={connection} session={session} />
    </Provider>
  );
}

createRoot(root).render(
  <StrictMode>
    <Root clients={clients} session={session} />
  </StrictMode>,
);
