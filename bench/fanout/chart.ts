/** A hand-written SVG chart: fan-out time (p50, send → last client) against watchers, log-log, one line per server. */
import type { ScenarioResult, ServerKind } from './types.js';

const COLORS: Record<ServerKind, string> = { livedoc: '#1f6feb', peer: '#d9480f', raw: '#2f9e44' };
const LABELS: Record<ServerKind, string> = {
  livedoc: 'livedoc',
  peer: 'peer (envelop live-query)',
  raw: 'raw ws broadcast (floor)',
};

const WIDTH = 760;
const HEIGHT = 460;
const PLOT = { left: 80, right: 230, top: 50, bottom: 60 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Decade ticks 1-2-5 covering [low, high]. */
function logTicks(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let exp = Math.floor(Math.log10(low)); exp <= Math.ceil(Math.log10(high)); exp++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** exp;
      if (v >= low * 0.999 && v <= high * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

/** Renders the chart from the one-document scenarios' results. */
export function fanoutChart(results: ScenarioResult[], subtitle: string): string {
  const points = results
    // Signed-in viewer rows and SSE rows are compared with their twins elsewhere, not drawn.
    .filter((r) => r.kind === 'oneDoc' && r.viewers !== 'distinct' && r.transport !== 'sse' && r.fanoutMs.p50 !== null && r.fanoutMs.p50 > 0)
    .map((r) => ({ server: r.server, x: r.clients, y: r.fanoutMs.p50! }));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const xMin = Math.min(100, ...xs);
  const xMax = Math.max(5000, ...xs);
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...ys, 1))));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...ys, 10)));
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const sx = (x: number) => PLOT.left + ((Math.log10(x) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * plotW;
  const sy = (y: number) => PLOT.top + plotH - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;
  const f = (n: number) => n.toFixed(1);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(`<text x="${PLOT.left}" y="22" font-size="15" font-weight="bold">Fan-out time (p50, mutation sent → last client received) vs watchers</text>`);
  parts.push(`<text x="${PLOT.left}" y="38" fill="#555">${escapeXml(subtitle)}</text>`);
  for (const y of logTicks(yMin, yMax)) {
    parts.push(`<line x1="${PLOT.left}" x2="${PLOT.left + plotW}" y1="${f(sy(y))}" y2="${f(sy(y))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${PLOT.left - 6}" y="${f(sy(y) + 4)}" text-anchor="end">${y}</text>`);
  }
  for (const x of [100, 200, 500, 1000, 2000, 5000].filter((v) => v >= xMin && v <= xMax)) {
    parts.push(`<line x1="${f(sx(x))}" x2="${f(sx(x))}" y1="${PLOT.top}" y2="${PLOT.top + plotH}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${f(sx(x))}" y="${PLOT.top + plotH + 18}" text-anchor="middle">${x.toLocaleString('en-US')}</text>`);
  }
  parts.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${PLOT.left + plotW / 2}" y="${HEIGHT - 18}" text-anchor="middle">watchers of one document (log scale)</text>`);
  parts.push(`<text transform="translate(22 ${PLOT.top + plotH / 2}) rotate(-90)" text-anchor="middle">fan-out time p50, ms (log scale)</text>`);

  (Object.keys(COLORS) as ServerKind[]).forEach((server, i) => {
    const line = points.filter((p) => p.server === server).sort((a, b) => a.x - b.x);
    if (line.length > 0) {
      parts.push(`<polyline fill="none" stroke="${COLORS[server]}" stroke-width="2.5" points="${line.map((p) => `${f(sx(p.x))},${f(sy(p.y))}`).join(' ')}"/>`);
      for (const p of line) {
        parts.push(`<circle cx="${f(sx(p.x))}" cy="${f(sy(p.y))}" r="4" fill="${COLORS[server]}"/>`);
        parts.push(`<text x="${f(sx(p.x) + 6)}" y="${f(sy(p.y) + (server === 'livedoc' ? 15 : -6))}" fill="${COLORS[server]}" font-size="11">${p.y < 10 ? p.y.toFixed(1) : Math.round(p.y)}</text>`);
      }
    }
    const ly = PLOT.top + 10 + i * 22;
    const lx = PLOT.left + plotW + 16;
    parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${COLORS[server]}" stroke-width="2.5"/>`);
    parts.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(LABELS[server])}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
