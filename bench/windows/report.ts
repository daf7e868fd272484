/** The windows benchmark's report: JSON and Markdown, with the targets. */
import type { Distribution } from '../fanout/types.js';
import type { ChangeResult, FirstPageResult, TopTenResult } from './phases.js';

/** Everything one run measured. */
export interface WindowsReport {
  date: string;
  command: string;
  storage: string;
  rows: number;
  watchers: number;
  pinning: string;
  seedSeconds: number;
  firstPages: FirstPageResult[];
  changes: ChangeResult[];
  topTen: TopTenResult;
}

/** The targets for the top-10 window under random value changes. */
export const TARGETS = { cpuMsPerChange: 2, patchBytes: 400 } as const;

const ms = (d: Distribution) => (d.count === 0 ? '—' : `${d.p50} / ${d.p90} / ${d.max}`);
const fixed = (value: number) => value.toFixed(2);

/** The Markdown of a run. */
export function windowsMarkdown(r: WindowsReport): string {
  // The floor: the mean of the write-alone rows (measured first and last, their spread is the noise).
  const floors = r.changes.filter((c) => c.name.includes('no live query')).map((c) => c.cpuMsPerChange);
  const writeAlone = floors.length ? floors.reduce((a, b) => a + b, 0) / floors.length : 0;
  const lines = [
    `# Windows over a ${r.rows.toLocaleString('en-US')}-row dataset`,
    '',
    `\`${r.command}\` — ${r.date}; ${r.storage}; ${r.watchers} watchers per live window; ${r.pinning}. Seeding took ${r.seedSeconds.toFixed(0)} s (not measured).`,
    '',
    '## First page of a 50-row window',
    '',
    'A fresh socket per window (the first page, then pages after random places in the order): subscribe → first result; and the same window as a plain HTTP query. p50 / p90 / max, ms.',
    '',
    '| order | windows | live first result | HTTP query | bytes |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.firstPages.map((p) => `| ${p.order} | ${p.liveMs.count} | ${ms(p.liveMs)} | ${ms(p.httpMs)} | ${p.bytes} |`),
    '',
    '## Value changes',
    '',
    'Server CPU per change includes the write itself (HTTP, validation, store, change feed); the rows "no live query" are the write alone, measured first and last: their mean is the floor, their spread the noise. Latency: write sent → the last watcher has the patch (p50 / p90 / max, ms). Patch: bytes of one watcher\'s message (p50 / p90 / max).',
    '',
    '| what | changes | server CPU per change, ms | over the write alone, ms | updates received | latency | patch bytes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[...r.changes, r.topTen].map(
      (c) => `| ${c.name} | ${c.changes} | ${fixed(c.cpuMsPerChange)} | ${fixed(c.cpuMsPerChange - writeAlone)} | ${c.updates} | ${ms(c.latencyMs)} | ${ms(c.patchBytes)} |`,
    ),
    '',
    '## Targets (issue 15)',
    '',
    `- Top 10 by value under random value changes, server CPU per change ≤ ${TARGETS.cpuMsPerChange} ms: **${fixed(r.topTen.cpuMsPerChange)} ms** (${r.topTen.cpuMsPerChange <= TARGETS.cpuMsPerChange ? 'met' : 'missed'}; the write alone costs ${fixed(writeAlone)} ms).`,
    `- Patch ≤ ${TARGETS.patchBytes} B: the RFC 6902 patch, largest **${r.topTen.patchJsonBytes.max ?? '—'} B**, p50 ${r.topTen.patchJsonBytes.p50 ?? '—'} B (${(r.topTen.patchJsonBytes.max ?? 0) <= TARGETS.patchBytes ? 'met' : 'missed'}); the whole graphql-ws message around it (id, revision, resume token) largest ${r.topTen.patchBytes.max ?? '—'} B.`,
    `- The top 10 a watcher assembled from its patches equals a fresh query at the end: **${r.topTen.exact ? 'yes' : 'NO'}**.`,
    `- Changes outside the position window sent **${r.changes.find((c) => c.name.includes('outside'))?.updates ?? '—'}** updates.`,
    '',
  ];
  return lines.join('\n');
}
