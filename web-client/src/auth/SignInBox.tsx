/**
 * The top bar's "Sign in as" box (development servers, which hand out tokens by name): a name and a
 * button; once signed in, who this tab is and "Sign out". Hidden, showing "Anonymous", when the
 * server offers no sign-in.
 */
import { useEffect, useState, useSyncExternalStore, type SubmitEvent } from 'react';
import { devTokensAvailable } from './devToken.js';
import type { ViewerSession } from './viewerSession.js';
import './signIn.css';

/** What the server's dev-token names may be (its own check says why a name is refused). */
const NAME_PATTERN = '[A-Za-z0-9._\\-]{1,64}';

/** Renders the box for `session`. */
export function SignInBox({ session }: { session: ViewerSession }) {
  const viewer = useSyncExternalStore(session.subscribe, session.get);
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void devTokensAvailable().then((answer) => {
      if (current) setAvailable(answer);
    });
    return () => {
      current = false;
    };
  }, []);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await session.signIn(name.trim());
      setName('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  };

  if (viewer) {
    return (
      <div className="viewer" data-testid="viewer" data-viewer={viewer.name}>
        <span className="viewer__avatar" aria-hidden="true">
          {viewer.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="viewer__name">
          Signed in as <strong>{viewer.name}</strong>
        </span>
        <button type="button" className="button button--small" onClick={() => session.signOut()}>
          Sign out
        </button>
      </div>
    );
  }
  if (available === undefined) return null;
  if (!available) {
    return (
      <span className="viewer viewer--anonymous" data-testid="viewer" data-viewer="" title="This server offers no sign-in.">
        Anonymous
      </span>
    );
  }
  return (
    <form className="sign-in" onSubmit={(event) => void submit(event)} data-testid="sign-in" aria-label="Sign in">
      <label className="sign-in__label">
        Sign in as
        <input
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          pattern={NAME_PATTERN}
          maxLength={64}
          required
          disabled={pending}
          placeholder="name"
          autoComplete="username"
          title="Letters, digits, '.', '_' or '-'"
        />
      </label>
      <button type="submit" className="button button--small button--primary" disabled={pending || name.trim() === ''}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      {error && (
        <span className="sign-in__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
