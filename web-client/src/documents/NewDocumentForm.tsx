/** Creates a document and opens it. */
import { useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { navigate } from '../app/router.js';
import { CreateDocumentMutation } from '../operations/documents.js';
import { parseTags } from './parseTags.js';

/** A title and tags form. */
export function NewDocumentForm() {
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState('');
  const [{ fetching, error }, create] = useMutation(CreateDocumentMutation);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await create({ input: { title: title.trim(), tags: parseTags(tags) } });
    if (result.data) navigate(`/documents/${encodeURIComponent(result.data.createDocument.id)}`);
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)}>
      <h2>New document</h2>
      <label>
        Title
        <input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={500} required placeholder="Meeting notes" />
      </label>
      <label>
        <span>
          Tags <span className="hint">comma separated</span>
        </span>
        <input value={tags} onChange={(event) => setTags(event.target.value)} placeholder="team, planning" />
      </label>
      {error && <p className="notice notice--error">{errorText(error)}</p>}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={fetching || title.trim() === ''}>
          Create document
        </button>
      </div>
    </form>
  );
}
