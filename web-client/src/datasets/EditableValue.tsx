/** A number that turns into an input on click; Enter or leaving the field saves, Escape cancels. */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { formatNumber } from '../app/format.js';
import { SetRowValueMutation } from '../operations/datasets.js';

/** Renders row `rowId`'s value, editable. */
export function EditableValue({ rowId, value }: { rowId: string; value: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [{ fetching, error }, setRowValue] = useMutation(SetRowValueMutation);
  // Enter saves, and the input's blur that may follow must not save a second time.
  const committing = useRef(false);

  const commit = async () => {
    if (draft === null || committing.current) return;
    const next = Number(draft.trim());
    if (draft.trim() === '' || !Number.isFinite(next) || next === value) {
      setDraft(null);
      return;
    }
    committing.current = true;
    try {
      const result = await setRowValue({ id: rowId, value: next });
      if (!result.error) setDraft(null);
    } finally {
      committing.current = false;
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') void commit();
    if (event.key === 'Escape') setDraft(null);
  };

  if (draft !== null) {
    const invalid = draft.trim() === '' || !Number.isFinite(Number(draft.trim()));
    return (
      <span className="num" role="cell">
        <input
          className={`value-input${invalid || error ? ' is-invalid' : ''}`}
          value={draft}
          inputMode="decimal"
          aria-label={`Value of row ${rowId}`}
          title={error ? errorText(error) : invalid ? 'Enter a number' : 'Enter to save, Escape to cancel'}
          disabled={fetching}
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => void commit()}
        />
      </span>
    );
  }
  return (
    <span className="num" role="cell">
      <button type="button" className="value" title="Click to edit" onClick={() => setDraft(String(value))}>
        {formatNumber(value)}
      </button>
    </span>
  );
}
