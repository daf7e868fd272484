/**
 * Which transport the app's live queries use: `auto` (WebSocket, falling back to SSE), `ws` or `sse`.
 * Chosen in the top bar or with `?transport=sse` in the address, and remembered in localStorage, so
 * every tab and later visit use it too.
 */
import type { TransportChoice } from '../../../client/index.js';

const KEY = 'livedoc.transport';
const PARAM = 'transport';
const CHOICES: readonly TransportChoice[] = ['auto', 'ws', 'sse'];

/** The setting, observable (React's useSyncExternalStore). */
export interface TransportSetting {
  readonly get: () => TransportChoice;
  readonly set: (choice: TransportChoice) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

/** A valid choice, or undefined for anything else (the address and storage are untrusted). */
export function readChoice(value: string | null | undefined): TransportChoice | undefined {
  return CHOICES.find((choice) => choice === value);
}

/** Reads `?transport=` (remembering it), else the remembered choice, else `auto`. */
export function createTransportSetting(): TransportSetting {
  const fromAddress = readChoice(new URL(window.location.href).searchParams.get(PARAM));
  let choice = fromAddress ?? readChoice(load()) ?? 'auto';
  if (fromAddress) save(fromAddress);
  const listeners = new Set<() => void>();
  return {
    get: () => choice,
    set(next) {
      if (next === choice) return;
      choice = next;
      save(next);
      // An address that names the old choice would bring it back on reload.
      const url = new URL(window.location.href);
      if (url.searchParams.has(PARAM)) {
        url.searchParams.set(PARAM, next);
        window.history.replaceState(window.history.state, '', url);
      }
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

function load(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    // Storage may be unavailable (privacy settings): the choice lasts for the page.
    return null;
  }
}

function save(choice: TransportChoice): void {
  try {
    window.localStorage.setItem(KEY, choice);
  } catch {
    // As in load().
  }
}
