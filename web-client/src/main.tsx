/** Entry of the web client. */
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app/App.js';
import { createAppClients, type AppClients } from './app/appClients.js';
import { createTransportSetting, type TransportSetting } from './app/transportSetting.js';
import { createViewerSession, type ViewerSession } from './auth/viewerSession.js';
import './styles.css';

const session = createViewerSession();
const transport = createTransportSetting();
const clients = createAppClients(session, transport);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/** The app with the client of the tab's current viewer (a new one after signing in or out). */
function Root({ clients, session, transport }: { clients: AppClients; session: ViewerSession; transport: TransportSetting }) {
  const { client, connection, transport: inUse } = useSyncExternalStore(clients.subscribe, clients.get);
  return (
    <Provider value={client}>
      <App connection={connection} transport={inUse} transportSetting={transport} session={session} />
    </Provider>
  );
}

createRoot(root).render(
  <StrictMode>
    <Root clients={clients} session={session} transport={transport} />
  </StrictMode>,
);
