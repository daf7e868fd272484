/** The form for a document's title, body and tags. */
import { useState, type SubmitEvent } from 'react';
import { parseTags } from './parseTags.js';

/** What the form edits. */
export interface DocumentDraft {
  title: string;
  body: string;
  tags: string[];
}

/** Props of {@link DocumentEditor}. */
export interface DocumentEditorProps {
  initial: DocumentDraft;
  saving: boolean;
  error: string | undefined;
  /** The document changed since the edit started: saving will be refused with CONFLICT. */
  changedMeanwhile: boolean;
  onSave: (draft: DocumentDraft) => void;
  onCancel: () => void;
}

/** Renders the form, starting from `initial`. */
export function DocumentEditor({ initial, saving, error, changedMeanwhile, onSave, onCancel }: DocumentEditorProps) {
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState(initial.body);
  const [tags, setTags] = useState(initial.tags.join(', '));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSave({ title: title.trim(), body, tags: parseTags(tags) });
  };

  return (
    <form className="card form editor" onSubmit={submit} data-testid="document-editor">
      {changedMeanwhile && (
        <p className="notice notice--info">Someone changed this document while you were editing. Saving will show you their version first.</p>
      )}
      <label>
        Title
        <input name="title" value={title} onChange={(event) => setTitle(event.target.value)} maxLength={500} required autoFocus />
      </label>
      <label>
        Body
        <textarea name="body" value={body} onChange={(event) => setBody(event.target.value)} rows={5} />
      </label>
      <label>
        <span>
          Tags <span className="hint">comma separated</span>
        </span>
        <input name="tags" value={tags} onChange={(event) => setTags(event.target.value)} />
      </label>
      {error && <p className="notice notice--error">{error}</p>}
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={saving || title.trim() === ''}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
