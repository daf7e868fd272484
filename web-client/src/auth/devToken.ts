/**
 * The development server's `POST /auth/dev-token {"name": …}` → `{"token": …}`. A server without the
 * route (production, or one with a real identity provider) answers 404, or the web client's
 * index.html when it serves the app (single-page fallback): either way there are no dev tokens, and the app stays anonymous.
 */

const ROUTE = '/auth/dev-token';

/** A token for the name, or `unavailable` when the server has no dev-token route. */
export type DevTokenAnswer = { kind: 'token'; token: string } | { kind: 'unavailable' };

/** Asks the server for a dev token for `name`; throws with the server's reason when it refuses. */
export async function requestDevToken(name: string): Promise<DevTokenAnswer> {
  const response = await post({ name });
  if (!hasRoute(response)) return { kind: 'unavailable' };
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(reasonOf(body) ?? `Signing in failed (HTTP ${response.status}).`);
  if (typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string') {
    return { kind: 'token', token: body.token };
  }
  throw new Error(`Expected {"token": "…"} from ${ROUTE}, but got ${JSON.stringify(body).slice(0, 80)}.`);
}

/**
 * Whether the server offers dev tokens: asks for one for a throwaway name (signing is stateless, and
 * a refused request would show as an error in the browser's console).
 */
export async function devTokensAvailable(): Promise<boolean> {
  try {
    const response = await post({ name: 'probe' });
    return hasRoute(response) && response.ok;
  } catch {
    // Unreachable server: no sign-in box until the page is loaded again.
    return false;
  }
}

function post(body: object): Promise<Response> {
  return fetch(ROUTE, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The route answers JSON; a 404 or an HTML page (the app's own fallback) means there is none. */
function hasRoute(response: Response): boolean {
  const json = response.headers.get('content-type')?.includes('application/json') ?? false;
  return response.status !== 404 && response.status !== 405 && json;
}

function reasonOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if ('error' in body && typeof body.error === 'string') return body.error;
  if ('message' in body && typeof body.message === 'string') return body.message;
  return undefined;
}
