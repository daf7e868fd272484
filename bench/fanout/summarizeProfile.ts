/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by package or
 * source file, idle excluded.
 *
 *   node --import tsx bench/fanout/summarizeProfile.ts path/to/file.cpuprofile
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one function or area. */
export interface ProfileEntry {
  name: string;
  selfMs: number;
  percent: number;
}

/** The summary of one profile. */
export interface ProfileSummary {
  file: string;
  /** Sampled time without `(idle)`. */
  busyMs: number;
  idleMs: number;
  topFunctions: ProfileEntry[];
  byArea: ProfileEntry[];
  /** Total (self + callees) time of the functions of our own code (server/). */
  ourInclusive: ProfileEntry[];
}

/** Shortens a script URL to a path relative to the repository or to `node_modules/<package>`. */
function shortUrl(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules);
  const root = process.cwd() + '/';
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** The package (node_modules), repository folder file, `node:` builtin, or V8 pseudo-function a frame belongs to. */
function areaOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName || '(native)';
  const url = shortUrl(frame.url);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

function top(map: Map<string, number>, busyMs: number, count: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, percent: Math.round((us / 1000 / busyMs) * 1000) / 10 }));
}

/** Reads and summarizes `file`. */
export function summarizeProfile(file: string, count = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const nameOf = (frame: CallFrame) =>
    `${frame.functionName || '(anonymous)'}${frame.url ? ` ${shortUrl(frame.url)}${frame.lineNumber > 0 ? `:${frame.lineNumber + 1}` : ''}` : ''}`;
  const inclusive = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const frame = frames.get(id)!;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    busyUs += us;
    const name = nameOf(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const caller = frames.get(at)!;
      if (!caller.url || !/^(build\/)?server\//.test(shortUrl(caller.url))) continue;
      const key = nameOf(caller);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  });
  const busyMs = busyUs / 1000;
  return {
    file,
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleUs / 1000),
    topFunctions: top(byFunction, busyMs, count),
    byArea: top(byArea, busyMs, 15),
    ourInclusive: top(inclusive, busyMs, 20),
  };
}

/** The summary as Markdown tables. */
export function profileMarkdown(summary: ProfileSummary, title: string): string {
  const table = (rows: ProfileEntry[]) =>
    ['| self ms | % of busy | where |', '|---:|---:|---|', ...rows.map((r) => `| ${r.selfMs} | ${r.percent} | \`${r.name}\` |`)].join('\n');
  return [
    `## ${title}`,
    '',
    `Profile \`${shortUrl(summary.file)}\`: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle (sampled).`,
    '',
    '### Top self time by function',
    '',
    table(summary.topFunctions),
    '',
    '### Self time by package or source file',
    '',
    table(summary.byArea),
    '',
    '### Total time (self + callees) of our functions (server/)',
    '',
    table(summary.ourInclusive).replace('| self ms |', '| total ms |'),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: summarizeProfile.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(profileMarkdown(summarizeProfile(file), 'CPU profile'));
}
