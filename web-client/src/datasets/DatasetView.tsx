/**
 * One dataset, live: summary, a chart of its first rows and a table scrolling through all of them in
 * server windows, editable by its owner and editors; the owner also shares it. A notice takes its
 * place when it turns null (deleted, or no longer shared with the viewer).
 */
import { useQuery } from 'urql';
import { AccessSummary } from '../access/AccessSummary.js';
import { DatasetSharingPanel } from '../access/DatasetSharingPanel.js';
import { canEdit, isOwner } from '../access/roles.js';
import { Unavailable } from '../access/Unavailable.js';
import { errorText } from '../app/errors.js';
import { useSignedIn } from '../auth/signedIn.js';
import { DatasetViewQuery } from '../operations/datasets.js';
import { RowTable } from './RowTable.js';
import { SummaryCards } from './SummaryCards.js';
import { ValueChart } from './ValueChart.js';

/** Renders dataset `id`. */
export function DatasetView({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: DatasetViewQuery, variables: { id } });
  const signedIn = useSignedIn() !== null;
  if (!data) {
    if (error) return <p className="notice notice--error">Could not load the dataset: {errorText(error)}</p>;
    return <p className="loading">{fetching ? 'Loading…' : ''}</p>;
  }
  const dataset = data.dataset;
  if (!dataset) return <Unavailable kind="dataset" id={id} />;
  return (
    <article className="dataset" data-testid="dataset">
      <header className="document__header">
        <div>
          <h1>{dataset.name}</h1>
          <p className="document__meta">{dataset.rowCount.toLocaleString('en-US')} rows · summary computed by the database</p>
          <AccessSummary kind="dataset" owner={dataset.owner} visibility={dataset.visibility} viewerRole={dataset.viewerRole} signedIn={signedIn} />
        </div>
      </header>
      {isOwner(dataset.viewerRole) && <DatasetSharingPanel id={dataset.id} visibility={dataset.visibility} shares={dataset.shares} />}
      <SummaryCards summary={dataset.summary} />
      <ValueChart rows={dataset.chartRows.nodes} min={dataset.summary.min} max={dataset.summary.max} mean={dataset.summary.mean} />
      <RowTable datasetId={dataset.id} editable={canEdit(dataset.viewerRole)} />
    </article>
  );
}
