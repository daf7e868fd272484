/**
 * Compares two fan-out benchmark runs (bench/results/*.json written by `npm run bench`) row by row:
 * livedoc's server CPU per update (schedstat), fan-out and latency p50, memory per idle live query and
 * patch bytes, each as after/before, and the same CPU as a ratio to the raw broadcast floor of its own
 * run (which cancels most of the machine's run-to-run drift). Prints a Markdown table.
 *
 *   npx tsx bench/compareRuns.ts bench/results/layout-before-quick.json bench/results/layout-after-quick.json
 */
import { readFileSync } from 'node:fs';

interface Row {
  scenario: string;
  server: string;
  cpu?: { schedstatPerUpdateMs?: number | null } | null;
  fanoutMs?: { p50?: number | null } | null;
  latencyMs?: { p50?: number | null } | null;
  memory?: { heapPerLiveQueryBytes?: number | null } | null;
  patchBytes?: number | null;
}
interface Run {
  command: string;
  date: string;
  source?: unknown;
  results: Row[];
}

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) throw new Error('usage: compareRuns.ts BEFORE.json AFTER.json');
const read = (file: string): Run => JSON.parse(readFileSync(file, 'utf8')) as Run;
const before = read(beforeFile);
const after = read(afterFile);

const find = (run: Run, server: string, scenario: string) => run.results.find((r) => r.server === server && r.scenario === scenario);
const fmt = (value: number | null | undefined, digits = 2) => (value == null ? '–' : value.toFixed(digits));
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : a / b);
const cpu = (row: Row | undefined) => row?.cpu?.schedstatPerUpdateMs ?? null;

const lines = [
  `before: \`${before.command}\` ${before.date}; after: \`${after.command}\` ${after.date}`,
  '',
  '| scenario | CPU/update ms before → after (×) | CPU × raw before → after | fan-out p50 ms before → after (×) | latency p50 ms (×) | heap B per idle query (×) | patch B |',
  '|---|---|---|---|---|---|---|',
];
for (const row of before.results.filter((r) => r.server === 'livedoc')) {
  const next = find(after, 'livedoc', row.scenario);
  const rawBefore = ratio(cpu(row), cpu(find(before, 'raw', row.scenario)));
  const rawAfter = ratio(cpu(next), cpu(find(after, 'raw', row.scenario)));
  lines.push(
    `| ${row.scenario} | ${fmt(cpu(row))} → ${fmt(cpu(next))} (${fmt(ratio(cpu(next), cpu(row)))}) | ${fmt(rawBefore)} → ${fmt(rawAfter)} | ` +
      `${fmt(row.fanoutMs?.p50)} → ${fmt(next?.fanoutMs?.p50)} (${fmt(ratio(next?.fanoutMs?.p50, row.fanoutMs?.p50))}) | ` +
      `${fmt(row.latencyMs?.p50)} → ${fmt(next?.latencyMs?.p50)} (${fmt(ratio(next?.latencyMs?.p50, row.latencyMs?.p50))}) | ` +
      `${fmt(row.memory?.heapPerLiveQueryBytes, 0)} → ${fmt(next?.memory?.heapPerLiveQueryBytes, 0)} (${fmt(ratio(next?.memory?.heapPerLiveQueryBytes, row.memory?.heapPerLiveQueryBytes))}) | ` +
      `${fmt(row.patchBytes, 0)} → ${fmt(next?.patchBytes, 0)} |`,
  );
}
console.log(lines.join('\n'));
