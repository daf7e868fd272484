/**
 * Who takes part in the soak: the writer (owner of everything written) and the viewers the clients
 * sign in as, about ten clients per viewer. Tokens are HS256 with the secret every instance shares
 * (test/support/auth.ts) and outlive the run, since clients ask for one on every reconnect.
 */
import { signTestToken } from '../../test/support/auth.js';

/** The writer's viewer id. */
export const WRITER_ID = 'soak-writer';

/** The id of viewer `index`. */
export const viewerId = (index: number) => `soak-viewer-${index}`;

/** How many viewers `clients` clients sign in as. */
export const viewerCount = (clients: number) => Math.max(1, Math.ceil(clients / 10));

/** Signs and remembers one token per viewer, valid for `lifetimeMs` and an hour more. */
export function createTokens(lifetimeMs: number): (viewer: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  const expiresInSeconds = Math.ceil(lifetimeMs / 1000) + 3_600;
  return (viewer) => {
    let token = tokens.get(viewer);
    if (!token) {
      token = signTestToken(viewer, { expiresInSeconds });
      tokens.set(viewer, token);
    }
    return token;
  };
}
