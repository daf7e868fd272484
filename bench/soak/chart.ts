/**
 * The soak's chart, hand-written SVG: each instance's RSS over time (one line per process, so a
 * restart shows as a new line), and below it the delivery latency per time bucket (p50 and p99, log
 * scale), with the restart shaded.
 */
import type { SoakResult } from './result.js';

const WIDTH = 860;
const PANEL_HEIGHT = 220;
const LEFT = 70;
const RIGHT = 190;
const TOP = 56;
const GAP = 60;
const COLORS = ['#1f6feb', '#d9480f', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#5c940d', '#c2255c'];
const f = (n: number) => n.toFixed(1);

/** `[x ms, y]` points as a polyline within a panel. */
interface Panel {
  top: number;
  x: (ms: number) => number;
  y: (value: number) => number;
}

function axis(parts: string[], panel: Panel, ticks: number[], label: (v: number) => string, title: string): void {
  const plotW = WIDTH - LEFT - RIGHT;
  for (const tick of ticks) {
    const y = panel.y(tick);
    parts.push(`<line x1="${LEFT}" x2="${LEFT + plotW}" y1="${f(y)}" y2="${f(y)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${LEFT - 6}" y="${f(y + 4)}" text-anchor="end">${label(tick)}</text>`);
  }
  parts.push(`<rect x="${LEFT}" y="${panel.top}" width="${plotW}" height="${PANEL_HEIGHT}" fill="none" stroke="#333"/>`);
  parts.push(`<text transform="translate(18 ${panel.top + PANEL_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${title}</text>`);
}

function legend(parts: string[], top: number, entries: [string, string, boolean][]): void {
  entries.forEach(([color, text, dashed], i) => {
    const y = top + 12 + i * 20;
    const x = WIDTH - RIGHT + 14;
    parts.push(`<line x1="${x}" x2="${x + 22}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2.5"${dashed ? ' stroke-dasharray="5 3"' : ''}/>`);
    parts.push(`<text x="${x + 28}" y="${y + 4}">${text}</text>`);
  });
}

/** About six round ticks (1, 2 or 5 × 10^k apart) covering [low, high]. */
function linearTicks(low: number, high: number): number[] {
  const rough = Math.max(1e-9, (high - low) / 6);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9 && ticks.length < 12; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** Renders the chart of a run. */
export function soakChart(result: SoakResult): string {
  // The samples go on through the quiet point and the checks, after the run.
  const endMs = Math.max(result.timing.runMs, ...result.memory.samples.map((s) => s[0]), 1);
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (ms: number) => LEFT + (Math.min(ms, endMs) / endMs) * plotW;
  const height = TOP + 2 * PANEL_HEIGHT + GAP + 50;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="${LEFT}" y="22" font-size="15" font-weight="bold">Soak: server RSS and delivery latency over time</text>`,
    `<text x="${LEFT}" y="40" fill="#555">${result.fleet.clients} clients, ${result.options.instances} instances, writes offered at ${result.options.writesPerSecond}/s, ${result.options.disconnectsPerSecond} disconnects/s, ${result.options.slow} slow readers (${result.date.slice(0, 16)}Z)</text>`,
  ];

  const restart = result.disruptions.restart;
  const shade = (top: number) => {
    if (restart) parts.push(`<rect x="${f(x(restart.downAt))}" y="${top}" width="${f(Math.max(2, x(restart.allBackAt ?? restart.upAt) - x(restart.downAt)))}" height="${PANEL_HEIGHT}" fill="#fff3bf"/>`);
  };

  // RSS panel.
  const rss = result.memory.samples;
  const rssValues = rss.map((s) => s[3]);
  const rssLow = Math.floor(Math.min(...rssValues, 100) / 10) * 10;
  const rssHigh = Math.ceil(Math.max(...rssValues, rssLow + 50) / 10) * 10;
  const rssPanel: Panel = { top: TOP, x, y: (v) => TOP + PANEL_HEIGHT - ((v - rssLow) / (rssHigh - rssLow)) * PANEL_HEIGHT };
  shade(TOP);
  axis(parts, rssPanel, linearTicks(rssLow, rssHigh), (v) => String(v), 'RSS, MiB');
  const processes = [...new Set(rss.map((s) => `${s[1]}/${s[2]}`))];
  for (const key of processes) {
    const [instance = 0, generation = 1] = key.split('/').map(Number);
    const points = rss.filter((s) => s[1] === instance && s[2] === generation).map((s) => `${f(x(s[0]))},${f(rssPanel.y(s[3]))}`);
    parts.push(`<polyline fill="none" stroke="${COLORS[instance % COLORS.length]}" stroke-width="2"${generation > 1 ? ' stroke-dasharray="5 3"' : ''} points="${points.join(' ')}"/>`);
  }
  legend(parts, TOP, processes.map((key) => {
    const [instance = 0, generation = 1] = key.split('/').map(Number);
    return [COLORS[instance % COLORS.length]!, `instance ${instance}${generation > 1 ? ' (restarted)' : ''}`, generation > 1];
  }));

  // Latency panel, log scale.
  const top = TOP + PANEL_HEIGHT + GAP;
  const buckets = result.latency.buckets.filter((b) => b[1] > 0);
  const values = buckets.flatMap((b) => [b[2], b[3]]).filter((v): v is number => v !== null && v > 0);
  const low = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...values, 10))));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values, 100)));
  const latencyPanel: Panel = { top, x, y: (v) => top + PANEL_HEIGHT - ((Math.log10(Math.max(v, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * PANEL_HEIGHT };
  shade(top);
  const decades: number[] = [];
  for (let v = low; v <= high * 1.001; v *= 10) decades.push(v);
  axis(parts, latencyPanel, decades, (v) => (v >= 1000 ? `${v / 1000} s` : `${v} ms`), 'delivery latency (log)');
  const half = result.latency.bucketMs / 2;
  const line = (column: 2 | 3, color: string, dashed: boolean) => {
    const points = buckets.filter((b) => b[column] !== null).map((b) => `${f(x(b[0] + half))},${f(latencyPanel.y(b[column]!))}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dashed ? ' stroke-dasharray="5 3"' : ''} points="${points.join(' ')}"/>`);
  };
  line(2, '#1f6feb', false);
  line(3, '#d9480f', false);
  legend(parts, top, [['#1f6feb', 'p50', false], ['#d9480f', 'p99', false]]);
  if (restart) parts.push(`<text x="${f(x(restart.downAt) + 4)}" y="${top - 6}" fill="#8a6d00">restart of instance ${restart.instance} (down → its clients live again)</text>`);
  for (const panelTop of [TOP, top]) {
    const at = f(x(result.timing.runMs));
    parts.push(`<line x1="${at}" x2="${at}" y1="${panelTop}" y2="${panelTop + PANEL_HEIGHT}" stroke="#555" stroke-dasharray="2 3"/>`);
  }
  parts.push(`<text x="${f(x(result.timing.runMs) - 4)}" y="${TOP - 6}" text-anchor="end" fill="#555">writes stop</text>`);

  // Time axis.
  const minutes = endMs > 300_000;
  const stepMs = minutes ? 60_000 : endMs > 90_000 ? 30_000 : 10_000;
  for (let t = 0; t <= endMs; t += stepMs) {
    parts.push(`<text x="${f(x(t))}" y="${top + PANEL_HEIGHT + 18}" text-anchor="middle">${minutes ? `${t / 60_000} min` : `${t / 1000} s`}</text>`);
  }
  parts.push(`<text x="${LEFT + plotW / 2}" y="${height - 10}" text-anchor="middle">time since the run started (writes, disconnects, slow readers)</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
