/** Small hand-written SVG charts: grouped bars and log-log lines. */

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));

function frame(width, height, title, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>
${body}
</svg>
`;
}

function legend(names, x, y) {
  return names.map((n, i) => `<rect x="${x}" y="${y + i * 16}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 14}" y="${y + i * 16 + 9}">${esc(n)}</text>`).join('\n');
}

/** groups: [{ label, values: [number|null per series] }]; series: names. */
export function barChart({ title, groups, series, yLabel, yMax = null, width = 760, height = 340 }) {
  const left = 50;
  const right = 190;
  const top = 30;
  const bottom = 60;
  const w = width - left - right;
  const h = height - top - bottom;
  const max = yMax ?? Math.max(1e-9, ...groups.flatMap((g) => g.values.filter((v) => v != null))) * 1.1;
  const gw = w / groups.length;
  const bw = (gw * 0.8) / series.length;
  let body = '';
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    const y = top + h - (v / max) * h;
    body += `<line x1="${left}" x2="${left + w}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 4}" y="${y + 4}" text-anchor="end">${fmt(v)}</text>\n`;
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * gw + gw * 0.1;
    g.values.forEach((v, si) => {
      if (v == null) return;
      const bh = (v / max) * h;
      body += `<rect x="${(x0 + si * bw).toFixed(1)}" y="${(top + h - bh).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLORS[si % COLORS.length]}"><title>${esc(`${g.label} — ${series[si]}: ${fmt(v)}`)}</title></rect>\n`;
    });
    const words = String(g.label).split('\n');
    words.forEach((line, li) => (body += `<text x="${(left + gi * gw + gw / 2).toFixed(1)}" y="${top + h + 14 + li * 12}" text-anchor="middle">${esc(line)}</text>\n`));
  });
  body += `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + h}" stroke="#333"/><line x1="${left}" x2="${left + w}" y1="${top + h}" y2="${top + h}" stroke="#333"/>`;
  body += `<text transform="translate(12 ${top + h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>\n`;
  body += legend(series, left + w + 12, top + 4);
  return frame(width, height, title, body);
}

/** series: [{ name, points: [[x, y]], dashed? }], log-log axes. */
export function logLogChart({ title, series, xLabel, yLabel, width = 760, height = 380 }) {
  const left = 60;
  const right = 230;
  const top = 30;
  const bottom = 45;
  const w = width - left - right;
  const h = height - top - bottom;
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  if (pts.length === 0) return frame(width, height, title, '<text x="20" y="60">no data</text>');
  const lx = [Math.floor(Math.log10(Math.min(...pts.map((p) => p[0])))), Math.ceil(Math.log10(Math.max(...pts.map((p) => p[0]))))];
  const ly = [Math.floor(Math.log10(Math.min(...pts.map((p) => p[1])))), Math.ceil(Math.log10(Math.max(...pts.map((p) => p[1]))))];
  if (lx[0] === lx[1]) lx[1]++;
  if (ly[0] === ly[1]) ly[1]++;
  const X = (x) => left + ((Math.log10(x) - lx[0]) / (lx[1] - lx[0])) * w;
  const Y = (y) => top + h - ((Math.log10(y) - ly[0]) / (ly[1] - ly[0])) * h;
  let body = '';
  for (let e = lx[0]; e <= lx[1]; e++) body += `<line x1="${X(10 ** e)}" x2="${X(10 ** e)}" y1="${top}" y2="${top + h}" stroke="#eee"/><text x="${X(10 ** e)}" y="${top + h + 14}" text-anchor="middle">${fmt(10 ** e)}</text>\n`;
  for (let e = ly[0]; e <= ly[1]; e++) body += `<line x1="${left}" x2="${left + w}" y1="${Y(10 ** e)}" y2="${Y(10 ** e)}" stroke="#eee"/><text x="${left - 4}" y="${Y(10 ** e) + 4}" text-anchor="end">${fmt(10 ** e)}</text>\n`;
  series.forEach((s, i) => {
    const p = s.points.filter(([x, y]) => x > 0 && y > 0);
    const c = COLORS[i % COLORS.length];
    if (p.length > 1) body += `<polyline fill="none" stroke="${c}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''} points="${p.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ')}"/>\n`;
    for (const [x, y] of p) body += `<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3" fill="${c}"><title>${esc(`${s.name}: ${fmt(y)} at ${x}`)}</title></circle>\n`;
  });
  body += `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + h}" stroke="#333"/><line x1="${left}" x2="${left + w}" y1="${top + h}" y2="${top + h}" stroke="#333"/>`;
  body += `<text x="${left + w / 2}" y="${height - 8}" text-anchor="middle">${esc(xLabel)}</text>`;
  body += `<text transform="translate(14 ${top + h / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>\n`;
  body += legend(series.map((s) => s.name), left + w + 12, top + 4);
  return frame(width, height, title, body);
}
