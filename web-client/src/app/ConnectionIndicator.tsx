/** A pill showing whether updates are flowing (live, connecting or reconnecting), and over SSE when they are. */
import { useSyncExternalStore } from 'react';
import type { ConnectionStatus, LiveTransport } from '../../../client/index.js';

const labels: Record<ConnectionStatus, string> = {
  idle: 'Idle',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline',
};

const titles: Record<ConnectionStatus, string> = {
  idle: 'Not connected: nothing is being watched.',
  connecting: 'Opening the live connection.',
  live: 'Connected: changes appear as they happen.',
  reconnecting: 'The connection was lost. Retrying; what you see may be out of date.',
  closed: 'Disconnected.',
};

/**
 * The status source the indicator reads, as functions React calls on their own
 * (useSyncExternalStore); a ConnectionState is one.
 */
export interface StatusSource {
  get: () => ConnectionStatus;
  subscribe: (listener: (status: ConnectionStatus) => void) => () => void;
}

/** The transport source the indicator reads (a TransportState is one). */
export interface TransportSource {
  get: () => LiveTransport;
  subscribe: (listener: (transport: LiveTransport) => void) => () => void;
}

const overWebSocket: TransportSource = { get: () => 'ws', subscribe: () => () => {} };

/** Renders the status of `connection`; `transport` (default: a WebSocket) adds "SSE" when updates come as Server-Sent Events. */
export function ConnectionIndicator({ connection, transport = overWebSocket }: { connection: StatusSource; transport?: TransportSource }) {
  const status = useSyncExternalStore(connection.subscribe, connection.get);
  const via = useSyncExternalStore(transport.subscribe, transport.get);
  const title = via === 'sse' ? `${titles[status]} (Server-Sent Events)` : titles[status];
  return (
    <span
      className={`connection connection--${status}`}
      data-testid="connection"
      data-state={status}
      data-transport={via}
      title={title}
      role="status"
    >
      <span className="connection__dot" aria-hidden="true" />
      {labels[status]}
      {via === 'sse' && <span className="connection__transport"> · SSE</span>}
    </span>
  );
}
