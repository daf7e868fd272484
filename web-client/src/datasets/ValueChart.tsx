/** A small live line chart of a dataset's first values (in row order), with the mean of all as a dashed line. */
import { memo, useMemo } from 'react';
import { formatNumber } from '../app/format.js';

const WIDTH = 1000;
const HEIGHT = 200;
const PAD = 8;

/** The SVG y of `value` when `low`…`low + span` fills the height (less padding). */
function scaleY(value: number, low: number, span: number): number {
  return PAD + (HEIGHT - 2 * PAD) * (1 - (value - low) / span);
}

/** Props of {@link ValueChart}: the rows and the server's summary, which sets the vertical scale. */
export interface ValueChartProps {
  rows: readonly { value: number }[];
  min?: number | null;
  max?: number | null;
  mean?: number | null;
}

/** Renders the chart; recomputed only when the rows array changes (structural sharing). */
export const ValueChart = memo(function ValueChart({ rows, min, max, mean }: ValueChartProps) {
  const low = min ?? 0;
  const high = max ?? 1;
  const span = high - low || 1;
  const points = useMemo(() => {
    const step = rows.length > 1 ? WIDTH / (rows.length - 1) : 0;
    return rows.map((row, i) => `${(i * step).toFixed(1)},${scaleY(row.value, low, span).toFixed(1)}`).join(' ');
  }, [rows, low, span]);

  return (
    <figure className="chart card" data-testid="chart" data-max={max ?? ''} data-min={min ?? ''}>
      <div className="chart__scale" aria-hidden="true">
        <span>{formatNumber(max)}</span>
        <span>{formatNumber(min)}</span>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Line chart of ${rows.length} values`}>
        <defs>
          <linearGradient id="chart-fill" x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="var(--accent)" stopOpacity="0.25" />
            <stop offset="100%" stopColor="var(--accent)" stopOpacity="0" />
          </linearGradient>
        </defs>
        {rows.length > 1 && (
          <>
            <polygon points={`0,${HEIGHT} ${points} ${WIDTH},${HEIGHT}`} fill="url(#chart-fill)" />
            <polyline points={points} fill="none" stroke="var(--accent)" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
          </>
        )}
        {mean != null && (
          <line x1="0" x2={WIDTH} y1={scaleY(mean, low, span)} y2={scaleY(mean, low, span)} stroke="var(--muted)" strokeDasharray="6 6" strokeWidth="1" vectorEffect="non-scaling-stroke" />
        )}
      </svg>
      <figcaption>
        The first {rows.length.toLocaleString('en-US')} values in row order{mean != null && <> · dashed line: mean {formatNumber(mean)}</>}
      </figcaption>
    </figure>
  );
});
