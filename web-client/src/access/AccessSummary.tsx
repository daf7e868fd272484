/**
 * Who owns an item, whether it is public or private, and what the viewer may do with it; for viewers
 * who may not change it, why (read only, sign in to edit).
 */
import type { AccessRole, Visibility } from '../gql/graphql.js';
import { canEdit } from './roles.js';
import './access.css';

/** Props of {@link AccessSummary}. */
export interface AccessSummaryProps {
  /** "document" or "dataset", for the sentences. */
  kind: string;
  owner: string;
  visibility: Visibility;
  viewerRole: AccessRole | null;
  signedIn: boolean;
}

/** Why a viewer with `role` may not change the item, or undefined when they may. */
export function readOnlyReason({
  kind,
  visibility,
  viewerRole,
  signedIn,
}: Omit<AccessSummaryProps, 'owner'>): string | undefined {
  if (canEdit(viewerRole)) return undefined;
  if (!signedIn) return 'Read only — Sign in to edit.';
  if (visibility === 'PRIVATE') return `Read only — shared with you as ${viewerRole ?? 'READER'}.`;
  return `Read only — this ${kind} is public; its owner can share it with you as EDITOR.`;
}

/** Renders the owner, visibility and role chips, and the read-only hint when there is one. */
export function AccessSummary(props: AccessSummaryProps) {
  const { owner, visibility, viewerRole } = props;
  const reason = readOnlyReason(props);
  return (
    <div className="access" data-testid="access" data-role={viewerRole ?? ''} data-visibility={visibility}>
      <ul className="access__facts">
        <li className="access__fact" data-testid="owner">
          Owner <strong>{owner}</strong>
        </li>
        <li className={`access__badge access__badge--${visibility.toLowerCase()}`} data-testid="visibility">
          {visibility === 'PUBLIC' ? 'Public' : 'Private'}
        </li>
        {viewerRole && (
          <li className="access__badge" data-testid="role">
            You: {viewerRole}
          </li>
        )}
      </ul>
      {reason && (
        <p className="access__hint" data-testid="read-only">
          {reason}
        </p>
      )}
    </div>
  );
}
