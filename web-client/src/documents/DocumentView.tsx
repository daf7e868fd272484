/**
 * One document, live: title, tags, body, sections and comments, with editing. Edits carry the revision they
 * started from; when someone else got there first the server answers CONFLICT, and the live result
 * already shows their version, so we say so and keep the user's draft one click away.
 * What the viewer may do follows their live `viewerRole`: owners also delete and share, editors edit,
 * readers and anonymous viewers read (with a hint why). When the document turns null (deleted, or no
 * longer shared with the viewer) a notice takes its place.
 */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { AccessSummary } from '../access/AccessSummary.js';
import { DocumentSharingPanel } from '../access/DocumentSharingPanel.js';
import { canEdit, isOwner } from '../access/roles.js';
import { Unavailable } from '../access/Unavailable.js';
import { errorCode, errorText } from '../app/errors.js';
import { timeAgo } from '../app/format.js';
import { navigate } from '../app/router.js';
import { useSignedIn } from '../auth/signedIn.js';
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
  const signedIn = useSignedIn() !== null;

  if (!data) {
    if (error) return <p className="notice notice--error">Could not load the document: {errorText(error)}</p>;
    return <p className="loading">{fetching ? 'Loading…' : ''}</p>;
  }
  const document = data.document;
  if (!document) return <Unavailable kind="document" id={id} />;
  const editable = canEdit(document.viewerRole);
  const owner = isOwner(document.viewerRole);

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

      {/* An open editor stays when the viewer's role drops meanwhile: saving then says why it was refused, and the draft is not lost. */}
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
            {editable && (
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
            )}
            {owner && (
              <button type="button" className="button button--danger" disabled={removal.fetching} onClick={() => void remove()}>
                Delete
              </button>
            )}
          </div>
        </header>
      )}

      <AccessSummary kind="document" owner={document.owner} visibility={document.visibility} viewerRole={document.viewerRole} signedIn={signedIn} />
      {!editing && (document.body ? <p className="document__body">{document.body}</p> : <p className="document__body is-empty">No body text.</p>)}
      {removal.error && <p className="notice notice--error">{errorText(removal.error)}</p>}
      {owner && <DocumentSharingPanel id={document.id} visibility={document.visibility} shares={document.shares} />}

      <section className="sections" aria-label="Sections">
        <h2 className="sections__title">
          Sections <span className="count">{document.sections.length}</span>
        </h2>
        <ol className="sections__list" data-testid="sections">
          {document.sections.map((section, index) => (
            <SectionCard key={section.id} section={section} index={index} count={document.sections.length} editable={editable} />
          ))}
        </ol>
        {editable && <AddSectionForm documentId={document.id} />}
      </section>

      <CommentsPanel documentId={document.id} editable={editable} />
    </article>
  );
}
