/** The live summary of a dataset as a row of figures. */
import { formatNumber } from '../app/format.js';

/** The summary as the dataset query returns it. */
export interface SummaryData {
  count: number;
  sum: number;
  min?: number | null;
  max?: number | null;
  mean?: number | null;
}

/** Renders count, sum, min, max and mean. */
export function SummaryCards({ summary }: { summary: SummaryData }) {
  const figures: [string, string][] = [
    ['Count', summary.count.toLocaleString('en-US')],
    ['Sum', formatNumber(summary.sum)],
    ['Min', formatNumber(summary.min)],
    ['Max', formatNumber(summary.max)],
    ['Mean', formatNumber(summary.mean)],
  ];
  return (
    <dl className="summary" data-testid="summary">
      {figures.map(([label, value]) => (
        <div key={label} className="summary__figure" data-figure={label.toLowerCase()}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
