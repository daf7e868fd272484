/**
 * A small live line chart of a few series over the status samples (oldest left, newest right), from
 * zero to the largest value shown. A null value (no deliveries in that minute) breaks its line.
 */
import { memo, useMemo } from 'react';
import { formatNumber } from '../app/format.js';

const WIDTH = 600;
const HEIGHT = 120;
const PAD = 4;

/** One line of a chart. */
export interface ChartSeries {
  label: string;
  /** One value per sample, oldest first. */
  values: readonly (number | null)[];
  /** A CSS colour (a custom property of styles.css is fine). */
  color: string;
}

/** Props of {@link StatusChart}. */
export interface StatusChartProps {
  title: string;
  unit: string;
  series: readonly ChartSeries[];
  /** The id of the newest sample (exposed for tests as data-newest). */
  newestId: string | undefined;
  /** Counts rather than measures: values without decimals. */
  whole?: boolean;
}

/** A value for the legend and the scale. */
function formatValue(value: number | null, whole: boolean): string {
  return whole && value !== null ? Math.round(value).toLocaleString('en-US') : formatNumber(value);
}

/** The newest value with its unit; a dash alone without one. */
function legendValue(value: number | null, whole: boolean, unit: string): string {
  return value === null ? '—' : `${formatValue(value, whole)} ${unit}`.trim();
}

/** The polylines of `values`: one per run of non-null values. */
function lines(values: readonly (number | null)[], high: number): string[] {
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const runs: string[] = [];
  let run: string[] = [];
  values.forEach((value, i) => {
    if (value === null) {
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
      return;
    }
    const y = PAD + (HEIGHT - 2 * PAD) * (1 - value / high);
    run.push(`${(i * step).toFixed(1)},${y.toFixed(1)}`);
  });
  if (run.length > 0) runs.push(run.join(' '));
  // A lone point (a value between two gaps) is a zero-length line: its round caps draw a dot.
  return runs.map((points) => (points.includes(' ') ? points : `${points} ${points}`));
}

/** Renders the chart with its legend (each series' newest value) and the top of its scale. */
export const StatusChart = memo(function StatusChart({ title, unit, series, newestId, whole = false }: StatusChartProps) {
  const high = useMemo(() => {
    let max = 0;
    for (const { values } of series) for (const value of values) if (value !== null && value > max) max = value;
    // Headroom above the largest value; counts keep a whole top.
    return max > 0 ? (whole ? Math.ceil(max * 1.1) : max * 1.1) : 1;
  }, [series, whole]);
  const samples = series[0]?.values.length ?? 0;
  return (
    <figure className="status-chart" data-testid="status-chart" data-samples={samples} data-newest={newestId ?? ''}>
      <figcaption className="status-chart__header">
        <span className="status-chart__title">{title}</span>
        <span className="status-chart__legend">
          {series.map(({ label, values, color }) => (
            <span key={label} className="status-chart__key">
              <span className="status-chart__swatch" style={{ background: color }} aria-hidden="true" />
              {label} {legendValue(values.at(-1) ?? null, whole, unit)}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="status-chart__plot">
        <span className="status-chart__max" aria-hidden="true">
          {formatValue(high, whole)} {unit}
        </span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`${title}: ${samples} samples`}>
          <line x1="0" x2={WIDTH} y1={HEIGHT - PAD} y2={HEIGHT - PAD} className="status-chart__axis" vectorEffect="non-scaling-stroke" />
          {series.map(({ label, values, color }) =>
            lines(values, high).map((points, i) => (
              <polyline key={`${label}-${i}`} points={points} fill="none" stroke={color} strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
            )),
          )}
        </svg>
      </div>
    </figure>
  );
});
