/** The form under the comments: name (remembered) and text. */
import { useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { AddCommentMutation } from '../operations/documents.js';
import { AUTHOR_MAX, COMMENT_MAX } from './commentLimits.js';
import { loadAuthor, saveAuthor } from './rememberedAuthor.js';

/** Adds a comment to document `documentId`; the live query brings it into the list. */
export function AddCommentForm({ documentId }: { documentId: string }) {
  const [author, setAuthor] = useState(loadAuthor);
  const [body, setBody] = useState('');
  const [{ fetching, error }, add] = useMutation(AddCommentMutation);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const name = author.trim();
    saveAuthor(name);
    const result = await add({ documentId, input: { author: name, body: body.trim() } });
    if (!result.error) setBody('');
  };

  return (
    <form className="card form comment-form" onSubmit={(event) => void submit(event)} data-testid="add-comment" aria-label="Add a comment">
      <label className="comment-form__name">
        Your name
        <input name="author" value={author} onChange={(event) => setAuthor(event.target.value)} maxLength={AUTHOR_MAX} required disabled={fetching} autoComplete="name" />
      </label>
      <label>
        Comment
        <textarea name="body" value={body} onChange={(event) => setBody(event.target.value)} maxLength={COMMENT_MAX} rows={3} required disabled={fetching} placeholder="Write a comment…" />
      </label>
      {error && (
        <p className="notice notice--error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={fetching || author.trim() === '' || body.trim() === ''}>
          {fetching ? 'Sending…' : 'Add comment'}
        </button>
      </div>
    </form>
  );
}
