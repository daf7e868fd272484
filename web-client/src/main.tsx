/** Entry of the web client. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app/App.js';
import { createAppClient } from './app/createAppClient.js';
import './styles.css';

const { client, connection } = createAppClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Provider value={client}>
      <App connection={connection} />
    </Provider>
  </StrictMode>,
);
