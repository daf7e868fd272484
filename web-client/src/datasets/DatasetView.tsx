/** One dataset, live: summary, chart and an editable, virtualized table of its rows. */
import { useQuery } from 'urql';
import { errorText } from '../app/errors.js';
import { DatasetViewQuery } from '../operations/datasets.js';
import { RowTable } from './RowTable.js';
import { SummaryCards } from './SummaryCards.js';
import { ValueChart } from './ValueChart.js';

/** Renders dataset `id`. */
export function DatasetView({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: DatasetViewQuery, variables: { id } });
  if (!data) {
    if (error) return <p className="notice notice--error">Could not load the dataset: {errorText(error)}</p>;
    return <p className="loading">{fetching ? 'Loading…' : ''}</p>;
  }
  const dataset = data.dataset;
  if (!dataset) {
    return (
      <section className="welcome">
        <h1>Not found</h1>
        <p>There is no dataset “{id}”.</p>
      </section>
    );
  }
  return (
    <article className="dataset" data-testid="dataset">
      <header className="document__header">
        <div>
          <h1>{dataset.name}</h1>
          <p className="document__meta">{dataset.rowCount.toLocaleString('en-US')} rows · summary computed by the database</p>
        </div>
      </header>
      <SummaryCards summary={dataset.summary} />
      <ValueChart rows={dataset.rows} min={dataset.summary.min} max={dataset.summary.max} mean={dataset.summary.mean} />
      <RowTable rows={dataset.rows} />
    </article>
  );
}
