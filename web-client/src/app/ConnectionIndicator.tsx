/** A pill showing whether updates are flowing: live, connecting or reconnecting. */
import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../../../client/index.js';

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

/** Renders the status of `connection`. */
export function ConnectionIndicator({ connection }: { connection: StatusSource }) {
  const status = useSyncExternalStore(connection.subscribe, connection.get);
  return (
    <span className={`connection connection--${status}`} data-testid="connection" data-state={status} title={titles[status]} role="status">
      <span className="connection__dot" aria-hidden="true" />
      {labels[status]}
    </span>
  );
}
