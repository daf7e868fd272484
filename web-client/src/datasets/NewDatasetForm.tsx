/** Creates an (empty, private) dataset and opens it; shown to signed-in viewers only. */
import { useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { errorText } from '../app/errors.js';
import { navigate } from '../app/router.js';
import { CreateDatasetMutation } from '../operations/datasets.js';

/** A name field and a button. */
export function NewDatasetForm() {
  const [name, setName] = useState('');
  const [{ fetching, error }, create] = useMutation(CreateDatasetMutation);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await create({ name: name.trim() });
    if (result.data) {
      setName('');
      navigate(`/datasets/${encodeURIComponent(result.data.createDataset.id)}`);
    }
  };

  return (
    <form className="form new-dataset" onSubmit={(event) => void submit(event)} data-testid="new-dataset" aria-label="New dataset">
      <label>
        New dataset
        <input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required placeholder="Name" disabled={fetching} />
      </label>
      {error && <p className="notice notice--error">{errorText(error)}</p>}
      <div className="form__actions">
        <button type="submit" className="button button--small button--primary" disabled={fetching || name.trim() === ''}>
          Create dataset
        </button>
      </div>
    </form>
  );
}
