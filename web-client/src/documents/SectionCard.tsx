/** One section: heading and text, with edit, move up/down and remove for those who may change the document. */
import { memo, useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { MoveSectionMutation, RemoveSectionMutation, UpdateSectionMutation } from '../operations/documents.js';
import { SectionFields } from './SectionFields.js';

/** A section as the document query returns it. */
export interface SectionData {
  id: string;
  heading: string;
  body: string;
}

/** Props of {@link SectionCard}. */
export interface SectionCardProps {
  section: SectionData;
  index: number;
  count: number;
  /** The viewer may change the document (owner or editor); otherwise no edit, move or remove buttons. */
  editable: boolean;
}

/**
 * Renders a section. Memoized: thanks to structural sharing, a patch elsewhere in the document keeps
 * this section's object identical, so it does not re-render.
 */
export const SectionCard = memo(function SectionCard({ section, index, count, editable }: SectionCardProps) {
  const [editing, setEditing] = useState(false);
  const [heading, setHeading] = useState(section.heading);
  const [body, setBody] = useState(section.body);
  const [updateState, update] = useMutation(UpdateSectionMutation);
  const [moveState, move] = useMutation(MoveSectionMutation);
  const [removeState, remove] = useMutation(RemoveSectionMutation);
  const error = updateState.error ?? moveState.error ?? removeState.error;

  const startEditing = () => {
    setHeading(section.heading);
    setBody(section.body);
    setEditing(true);
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await update({ id: section.id, input: { heading: heading.trim(), body } });
    if (!result.error) setEditing(false);
  };

  return (
    <li className="section card" data-testid="section" data-section-id={section.id}>
      {editing ? (
        <form className="form" onSubmit={(event) => void save(event)}>
          <SectionFields heading={heading} body={body} onHeading={setHeading} onBody={setBody} rows={4} />
          <div className="form__actions">
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={updateState.fetching || heading.trim() === ''}>
              Save section
            </button>
          </div>
        </form>
      ) : (
        <>
          <div className="section__head">
            <span className="section__number">{index + 1}</span>
            <h3>{section.heading}</h3>
            {editable && (
              <div className="section__actions">
                <button type="button" className="icon-button" title="Move up" aria-label="Move up" disabled={index === 0 || moveState.fetching} onClick={() => void move({ id: section.id, position: index - 1 })}>
                  ↑
                </button>
                <button type="button" className="icon-button" title="Move down" aria-label="Move down" disabled={index === count - 1 || moveState.fetching} onClick={() => void move({ id: section.id, position: index + 1 })}>
                  ↓
                </button>
                <button type="button" className="icon-button" title="Edit" aria-label="Edit section" onClick={startEditing}>
                  ✎
                </button>
                <button type="button" className="icon-button icon-button--danger" title="Remove" aria-label="Remove section" disabled={removeState.fetching} onClick={() => void remove({ id: section.id })}>
                  ✕
                </button>
              </div>
            )}
          </div>
          {section.body && <p className="section__body">{section.body}</p>}
        </>
      )}
      {error && <p className="notice notice--error">{errorText(error)}</p>}
    </li>
  );
});
