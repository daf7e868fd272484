/** Writes a full run's files: bench/results/fanout.json, bench/results/fanout.svg and bench/RESULTS.md. */
import { writeFile } from 'node:fs/promises';
import { fanoutChart } from './chart.js';
import type { FanoutReport } from './fanoutReport.js';
import { resultsMarkdown } from './markdown.js';

/** The folder of the result files. */
export const RESULTS_DIR = new URL('../results/', import.meta.url);

/** Writes the three files of `report`. */
export async function writeOutputs(report: FanoutReport): Promise<void> {
  await writeFile(new URL('fanout.json', RESULTS_DIR), `${JSON.stringify(report, null, 2)}\n`);
  const pinned = report.placements.some((p) => p.affinity.startsWith('0 '));
  const subtitle = `${report.quick ? 'quick' : 'full'} run ${report.date.slice(0, 16)}Z, ${pinned ? 'server pinned to core 0, clients to core 1' : 'unpinned'}`;
  await writeFile(new URL('fanout.svg', RESULTS_DIR), fanoutChart(report.results, subtitle));
  await writeFile(new URL('../RESULTS.md', RESULTS_DIR), resultsMarkdown(report));
}
