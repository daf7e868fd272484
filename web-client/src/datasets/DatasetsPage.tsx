/** The datasets page: the live list in the sidebar (with a form for a new one when signed in), the chosen dataset beside it. */
import { useQuery } from 'urql';
import { Link } from '../app/router.js';
import { useSignedIn } from '../auth/signedIn.js';
import { DatasetListQuery } from '../operations/datasets.js';
import { DatasetView } from './DatasetView.js';
import { NewDatasetForm } from './NewDatasetForm.js';
import '../access/access.css';

/** Renders the list and `datasetId`'s dataset (the first one when none is chosen). */
export function DatasetsPage({ datasetId }: { datasetId: string | null }) {
  const [{ data }] = useQuery({ query: DatasetListQuery });
  const signedIn = useSignedIn() !== null;
  const shown = datasetId ?? data?.datasets[0]?.id ?? null;
  return (
    <div className="page">
      <aside className="sidebar">
        <nav className="list" aria-label="Datasets">
          <div className="list__header">
            <h2>Datasets</h2>
          </div>
          <ul className="list__items" data-testid="dataset-list">
            {data?.datasets.map((dataset) => (
              <li key={dataset.id}>
                <Link href={`/datasets/${encodeURIComponent(dataset.id)}`} className={`list__item${dataset.id === shown ? ' is-active' : ''}`}>
                  <span className="list__title">{dataset.name}</span>
                  <span className="list__meta">
                    {dataset.visibility === 'PRIVATE' && <span className="list__marker">{dataset.viewerRole === 'OWNER' ? 'private' : 'shared'}</span>}
                    <span>{dataset.rowCount.toLocaleString('en-US')} rows</span>
                  </span>
                </Link>
              </li>
            ))}
            {data && data.datasets.length === 0 && <li className="list__empty">No datasets yet.</li>}
          </ul>
          {signedIn && <NewDatasetForm />}
        </nav>
      </aside>
      <main className="content">
        {shown ? <DatasetView key={shown} id={shown} /> : <p className="loading">{data ? 'No dataset to show.' : 'Loading…'}</p>}
      </main>
    </div>
  );
}
