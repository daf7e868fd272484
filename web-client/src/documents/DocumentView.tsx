/**
 * One document, live: title, tags, body, sections and comments, with editing. Edits carry the revision they
 * started from; when someone else got there first the server answers CONFLICT, and the live result
 * already shows their version, so we say so and keep the user's draft one click away.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorCode, errorText } from '../app/errors.js';
import { timeAgo } from '../app/format.js';
import { navigate } from '../app/router.js';
import { DeleteDocumentMutation, DocumentViewQuery, UpdateDocumentMutation } from '../operations/documents.js';
import { AddSectionForm } from './AddSectionForm.js';
import { CommentsPanel } from './CommentsPanel.js';
import { DocumentEditor, type DocumentDraft } from './DocumentEditor.js';
import { SectionCard } from './SectionCard.js';

interface Editing {
  draft: DocumentDraft;
  /** The revision the edit started from, sent as expectedRevision. */
  baseRevision: number;
}

/** Renders document `id`. */
export function DocumentView({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: DocumentViewQuery, variables: { id } });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [conflict, setConflict] = useState<DocumentDraft | null>(null);
  const [update, runUpdate] = useMutation(UpdateDocumentMutation);
  const [removal, runDelete] = useMutation(DeleteDocumentMutation);

  if (!data) {
    if (error) return <p className="notice notice--error">Could not load the document: {errorText(error)}</p>;
    return <p className="loading">{fetching ? 'Loading…' : ''}</p>;
  }
  const document = data.document;
  if (!document) {
    return (
      <section className="welcome">
        <h1>Not found</h1>
        <p>There is no document “{id}”. It may have been deleted.</p>
      </section>
    );
  }

  const save = async ({ draft, baseRevision }: Editing) => {
    const result = await runUpdate({
      id,
      input: { title: draft.title, body: draft.body, tags: draft.tags },
      expectedRevision: baseRevision,
    });
    if (errorCode(result.error) === 'CONFLICT') {
      setEditing(null);
      setConflict(draft);
    } else if (!result.error) {
      setEditing(null);
    }
  };

  const remove = async () => {
    if (!window.confirm(`Delete “${document.title}” and its sections? This cannot be undone.`)) return;
    const result = await runDelete({ id });
    if (!result.error) navigate('/');
  };

  return (
    <article className="document" data-testid="document" data-revision={document.revision}>
      {conflict && (
        <div className="notice notice--warning conflict" role="alert" data-testid="conflict">
          <p>
            <strong>Someone else changed this document</strong> — here is the latest version. Your edit was not saved.
          </p>
          <div className="notice__actions">
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => {
                setEditing({ draft: conflict, baseRevision: document.revision });
                setConflict(null);
              }}
            >
              Edit again with my changes
            </button>
            <button type="button" className="button button--small" onClick={() => setConflict(null)}>
              Discard my changes
            </button>
          </div>
        </div>
      )}

      {editing ? (
        <DocumentEditor
          initial={editing.draft}
          saving={update.fetching}
          error={update.error && errorCode(update.error) !== 'CONFLICT' ? errorText(update.error) : undefined}
          changedMeanwhile={document.revision !== editing.baseRevision}
          onCancel={() => setEditing(null)}
          onSave={(draft) => void save({ draft, baseRevision: editing.baseRevision })}
        />
      ) : (
        <header className="document__header">
          <div>
            <h1 data-testid="document-title">{document.title}</h1>
            <p className="document__meta">
              Revision {document.revision} · updated {timeAgo(document.updatedAt)}
            </p>
            {document.tags.length > 0 && (
              <ul className="tags">
                {document.tags.map((tag) => (
                  <li key={tag} className="chip chip--static">
                    {tag}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="document__actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setConflict(null);
                setEditing({
                  draft: { title: document.title, body: document.body, tags: document.tags },
                  baseRevision: document.revision,
                });
              }}
            >
              Edit
            </button>
            <button type="button" className="button button--danger" disabled={removal.fetching} onClick={() => void remove()}>
              Delete
            </button>
          </div>
        </header>
      )}

      {!editing && (document.body ? <p className="document__body">{document.body}</p> : <p className="document__body is-empty">No body text.</p>)}
      {removal.error && <p className="notice notice--error">{errorText(removal.error)}</p>}

      <section className="sections" aria-label="Sections">
        <h2 className="sections__title">
          Sections <span className="count">{document.sections.length}</span>
        </h2>
        <ol className="sections__list" data-testid="sections">
          {document.sections.map((section, index) => (
            <SectionCard key={section.id} section={section} index={index} count={document.sections.length} />
          ))}
        </ol>
        <AddSectionForm documentId={document.id} />
      </section>

      <CommentsPanel documentId={document.id} />
    </article>
  );
}
