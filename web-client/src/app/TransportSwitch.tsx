/** The top bar's transport choice: Auto (WebSocket, SSE when it cannot connect), WebSocket or SSE. */
import { useSyncExternalStore } from 'react';
import { readChoice, type TransportSetting } from './transportSetting.js';

const options = [
  { value: 'auto', label: 'Auto' },
  { value: 'ws', label: 'WebSocket' },
  { value: 'sse', label: 'SSE' },
] as const;

/** A select bound to `setting`; changing it reconnects the app with the chosen transport. */
export function TransportSwitch({ setting }: { setting: TransportSetting }) {
  const choice = useSyncExternalStore(setting.subscribe, setting.get);
  return (
    <label className="transport-switch" title="How live updates reach this page. Auto uses a WebSocket and falls back to Server-Sent Events when it cannot connect.">
      <span className="transport-switch__label">Transport</span>
      <select
        data-testid="transport"
        value={choice}
        onChange={(event) => {
          const next = readChoice(event.target.value);
          if (next) setting.set(next);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
