/**
 * The status page: the figures of the server instance answering and charts of its last minutes
 * (delivery latency, patches per second, sockets and streams), live — the server sends a patch with
 * every sample. In production only operators may see it (FORBIDDEN for everyone else).
 */
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { errorCode, errorText } from '../app/errors.js';
import { formatNumber } from '../app/format.js';
import type { ServerStatusQuery as ServerStatusData } from '../gql/graphql.js';
import { ServerStatusQuery } from '../operations/status.js';
import { StatusChart, type ChartSeries } from './StatusChart.js';
import './status.css';

type Status = NonNullable<ServerStatusData['serverStatus']>;
type Sample = Status['history'][number];

/** "3 h 12 min", "4 min 5 s", "12 s". */
function formatUptime(seconds: number): string {
  const h = Math.floor(seconds / 3_600);
  const min = Math.floor((seconds % 3_600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${min} min`;
  if (min > 0) return `${min} min ${s} s`;
  return `${s} s`;
}

/** The figures now, as a row of cards. */
function StatusFigures({ status }: { status: Status }) {
  const count = (value: number) => value.toLocaleString('en-US');
  const figures: [string, string, string][] = [
    ['sockets', 'WebSockets', count(status.sockets)],
    ['streams', 'Event streams', count(status.streams)],
    ['live-queries', 'Live queries', count(status.liveQueries)],
    ['groups', 'Groups', count(status.groups)],
    ['patches', 'Patches / s', formatNumber(status.patchesPerSecond)],
    ['p50', 'Delivery p50', status.deliveryP50Ms === null ? '—' : `${formatNumber(status.deliveryP50Ms)} ms`],
    ['p99', 'Delivery p99', status.deliveryP99Ms === null ? '—' : `${formatNumber(status.deliveryP99Ms)} ms`],
    ['uptime', 'Uptime', formatUptime(status.uptimeSeconds)],
  ];
  return (
    <dl className="status-figures" data-testid="status-figures">
      {figures.map(([key, label, value]) => (
        <div key={key} className="status-figures__figure" data-figure={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One series of the samples. */
function series(history: readonly Sample[], label: string, color: string, pick: (sample: Sample) => number | null): ChartSeries {
  return { label, color, values: history.map(pick) };
}

/** The three charts over the samples. */
function StatusCharts({ history, sampleIntervalMs }: { history: readonly Sample[]; sampleIntervalMs: number }) {
  const charts = useMemo(
    () => ({
      delivery: [
        series(history, 'p50', 'var(--accent)', (s) => s.deliveryP50Ms),
        series(history, 'p99', 'var(--warn)', (s) => s.deliveryP99Ms),
      ],
      patches: [series(history, 'patches/s', 'var(--live)', (s) => s.patchesPerSecond)],
      connections: [
        series(history, 'sockets', 'var(--accent)', (s) => s.sockets),
        series(history, 'streams', '#06b6d4', (s) => s.streams),
      ],
    }),
    [history],
  );
  const newest = history.at(-1)?.id;
  const minutes = Math.max(1, Math.round((history.length * sampleIntervalMs) / 60_000));
  return (
    <section className="status-charts">
      <p className="status-charts__caption">
        {history.length === 0
          ? 'The first sample is on its way.'
          : `Last ${minutes} min · a sample every ${formatNumber(sampleIntervalMs / 1000)} s`}
      </p>
      <StatusChart title="Delivery latency" unit="ms" series={charts.delivery} newestId={newest} />
      <StatusChart title="Patches per second" unit="/s" series={charts.patches} newestId={newest} />
      <StatusChart title="Sockets and streams" unit="" series={charts.connections} newestId={newest} whole />
    </section>
  );
}

/** Renders the page. */
export function StatusPage() {
  const [{ data, error, fetching }] = useQuery({ query: ServerStatusQuery });
  const status = data?.serverStatus;
  let body;
  if (errorCode(error) === 'FORBIDDEN') {
    body = (
      <p className="notice notice--warning" role="status" data-testid="status-forbidden">
        Only operators can see the server status.
      </p>
    );
  } else if (!status) {
    body = error ? <p className="notice notice--error">Could not load the status: {errorText(error)}</p> : <p className="loading">{fetching ? 'Loading…' : ''}</p>;
  } else {
    body = (
      <>
        <p className="status__meta">
          Started {new Date(status.startedAt).toLocaleString('en-US')} · this page follows one server instance
        </p>
        <StatusFigures status={status} />
        <StatusCharts history={status.history} sampleIntervalMs={status.sampleIntervalMs} />
      </>
    );
  }
  return (
    <main className="content status" data-testid="status">
      <h1>Server status</h1>
      {body}
    </main>
  );
}
