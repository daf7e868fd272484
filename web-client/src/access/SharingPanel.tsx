/**
 * The owner's sharing panel: public or private, a form to share with a viewer id as READER or EDITOR,
 * and the shares with "remove". What it shows comes from the live query, so a change made in another
 * tab shows here too; the panel only sends mutations and says why one failed.
 */
import { useState, type SubmitEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { errorText } from '../app/errors.js';
import type { ShareRole, Visibility } from '../gql/graphql.js';
import type { SharingActions } from './sharingActions.js';
import './access.css';

/** Props of {@link SharingPanel}. */
export interface SharingPanelProps {
  /** "document" or "dataset", for the sentences. */
  kind: string;
  visibility: Visibility;
  shares: readonly { viewerId: string; role: ShareRole }[];
  actions: SharingActions;
}

/** What viewer ids look like (the `sub` of dev tokens: names lower-cased). */
const VIEWER_ID_PATTERN = '[^\\s]{1,200}';

/** Renders the panel. */
export function SharingPanel({ kind, visibility, shares, actions }: SharingPanelProps) {
  const [viewerId, setViewerId] = useState('');
  const [role, setRole] = useState<ShareRole>('READER');
  const [error, setError] = useState<CombinedError | undefined>(undefined);

  const run = async (action: Promise<CombinedError | undefined>): Promise<boolean> => {
    setError(undefined);
    const failure = await action;
    setError(failure);
    return failure === undefined;
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await run(actions.share(viewerId.trim(), role))) setViewerId('');
  };
  const next: Visibility = visibility === 'PUBLIC' ? 'PRIVATE' : 'PUBLIC';

  return (
    <section className="card sharing" aria-label="Sharing" data-testid="sharing">
      <div className="sharing__head">
        <h2>Sharing</h2>
        <button
          type="button"
          className="button button--small"
          data-testid="visibility-toggle"
          disabled={actions.pending}
          onClick={() => void run(actions.setVisibility(next))}
        >
          {next === 'PUBLIC' ? 'Make public' : 'Make private'}
        </button>
      </div>
      <p className="sharing__note">
        {visibility === 'PUBLIC'
          ? `Public: everyone can read this ${kind}, signed in or not.`
          : `Private: only you and the people below can see this ${kind}.`}
      </p>
      <form
        className="sharing__form"
        onSubmit={(event) => void submit(event)}
        data-testid="share-form"
        aria-label="Share"
      >
        <label>
          Share with
          <input
            name="viewerId"
            value={viewerId}
            onChange={(event) => setViewerId(event.target.value)}
            pattern={VIEWER_ID_PATTERN}
            required
            placeholder="viewer id"
            disabled={actions.pending}
          />
        </label>
        <label>
          as
          <select
            name="role"
            value={role}
            onChange={(event) => setRole(event.target.value === 'EDITOR' ? 'EDITOR' : 'READER')}
            disabled={actions.pending}
          >
            <option value="READER">READER</option>
            <option value="EDITOR">EDITOR</option>
          </select>
        </label>
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={actions.pending || viewerId.trim() === ''}
        >
          Share
        </button>
      </form>
      {shares.length === 0 ? (
        <p className="sharing__empty">Not shared with anyone.</p>
      ) : (
        <ul className="sharing__list" data-testid="shares">
          {shares.map((share) => (
            <li key={share.viewerId} className="sharing__share" data-testid="share" data-viewer-id={share.viewerId}>
              <span className="sharing__viewer">{share.viewerId}</span>
              <span className="access__badge">{share.role}</span>
              <button
                type="button"
                className="button button--small"
                aria-label={`Remove ${share.viewerId}`}
                disabled={actions.pending}
                onClick={() => void run(actions.unshare(share.viewerId))}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
