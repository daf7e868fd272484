/** One comment: author, when, an "edited" mark and the text, with edit and delete for those who may change the document. */
import { memo, useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { timeAgo } from '../app/format.js';
import { DeleteCommentMutation, UpdateCommentMutation } from '../operations/documents.js';
import { COMMENT_MAX } from './commentLimits.js';

/** A comment as the comments query returns it. */
export interface CommentData {
  id: string;
  author: string;
  body: string;
  createdAt: string;
  editedAt?: string | null;
}

/** Props of {@link CommentItem}. */
export interface CommentItemProps {
  comment: CommentData;
  /** The clock the relative times are shown against (ms since the epoch). */
  now: number;
  /** The viewer may change the document's comments (owner or editor): edit and delete buttons. */
  editable: boolean;
}

/** A timestamp shown relative to `now`, with the exact time on hover. */
function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {timeAgo(iso, now)}
    </time>
  );
}

/** Renders a comment. Memoized: a patch to another comment keeps this one's object, so it does not re-render. */
export const CommentItem = memo(function CommentItem({ comment, now, editable }: CommentItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [updateState, update] = useMutation(UpdateCommentMutation);
  const [removeState, remove] = useMutation(DeleteCommentMutation);
  const error = updateState.error ?? removeState.error;

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (draft === null) return;
    const result = await update({ id: comment.id, body: draft.trim() });
    if (!result.error) setDraft(null);
  };
  const confirmDelete = () => {
    if (window.confirm(`Delete this comment by ${comment.author}? This cannot be undone.`)) void remove({ id: comment.id });
  };

  return (
    <li className="comment card" data-testid="comment" data-comment-id={comment.id}>
      <div className="comment__head">
        <span className="comment__author">{comment.author}</span>
        <span className="comment__meta">
          <When iso={comment.createdAt} now={now} />
          {comment.editedAt && (
            <span className="comment__edited" data-testid="comment-edited" title={`Edited ${new Date(comment.editedAt).toLocaleString()}`}>
              edited
            </span>
          )}
        </span>
        {draft === null && editable && (
          <div className="comment__actions">
            <button type="button" className="icon-button" title="Edit" aria-label="Edit comment" onClick={() => setDraft(comment.body)}>
              ✎
            </button>
            <button type="button" className="icon-button icon-button--danger" title="Delete" aria-label="Delete comment" disabled={removeState.fetching} onClick={confirmDelete}>
              ✕
            </button>
          </div>
        )}
      </div>
      {draft === null ? (
        <p className="comment__body" data-testid="comment-body">
          {comment.body}
        </p>
      ) : (
        <form className="form comment__editor" onSubmit={(event) => void save(event)}>
          <label>
            Edit comment
            <textarea value={draft} onChange={(event) => setDraft(event.target.value)} maxLength={COMMENT_MAX} rows={3} required autoFocus disabled={updateState.fetching} />
          </label>
          <div className="form__actions">
            <button type="button" className="button button--small" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="submit" className="button button--small button--primary" disabled={updateState.fetching || draft.trim() === ''}>
              Save comment
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {errorText(error)}
        </p>
      )}
    </li>
  );
});
