/** The comments on a document, live: they appear, change and go as anyone adds, edits or deletes them. */
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { errorText } from '../app/errors.js';
import { DocumentCommentsQuery } from '../operations/documents.js';
import { AddCommentForm } from './AddCommentForm.js';
import { CommentItem } from './CommentItem.js';

/** How often "3 minutes ago" is brought up to date. */
const CLOCK_MS = 30_000;

/** The current time, refreshed every `intervalMs` so relative times do not go stale on an idle page. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * Renders the comments of document `documentId`, oldest first, and, when `editable` (the viewer is
 * its owner or an editor), the form to add one and each comment's edit and delete buttons.
 */
export function CommentsPanel({ documentId, editable }: { documentId: string; editable: boolean }) {
  const [{ data, error }] = useQuery({ query: DocumentCommentsQuery, variables: { id: documentId } });
  const now = useNow(CLOCK_MS);
  const comments = data?.document?.comments;

  return (
    <section className="comments" aria-label="Comments" data-testid="comments">
      <h2 className="comments__title">
        Comments <span className="count">{comments?.length ?? '…'}</span>
      </h2>
      {error && !data && <p className="notice notice--error">Could not load the comments: {errorText(error)}</p>}
      {comments &&
        (comments.length === 0 ? (
          <p className="comments__empty">No comments yet.{editable && ' Be the first to say something.'}</p>
        ) : (
          <ol className="comments__list" data-testid="comment-list">
            {comments.map((comment) => (
              <CommentItem key={comment.id} comment={comment} now={now} editable={editable} />
            ))}
          </ol>
        ))}
      {editable && <AddCommentForm documentId={documentId} />}
    </section>
  );
}
