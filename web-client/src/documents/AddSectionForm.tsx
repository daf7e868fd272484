/** Appends a section to a document. */
import { useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { AddSectionMutation } from '../operations/documents.js';
import { SectionFields } from './SectionFields.js';

/** A collapsed "Add section" button that opens a small form. */
export function AddSectionForm({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const [heading, setHeading] = useState('');
  const [body, setBody] = useState('');
  const [{ fetching, error }, add] = useMutation(AddSectionMutation);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await add({ documentId, input: { heading: heading.trim(), body } });
    if (!result.error) {
      setHeading('');
      setBody('');
      setOpen(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button add-section" onClick={() => setOpen(true)}>
        + Add section
      </button>
    );
  }
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} data-testid="add-section">
      <SectionFields heading={heading} body={body} onHeading={setHeading} onBody={setBody} rows={3} />
      {error && <p className="notice notice--error">{errorText(error)}</p>}
      <div className="form__actions">
        <button type="button" className="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={fetching || heading.trim() === ''}>
          Add section
        </button>
      </div>
    </form>
  );
}
