/**
 * Page layout of PDF text: positioned text items → lines in reading order, with
 * two-column pages read column by column, running headers, footers and page
 * numbers removed, and lines joined back into paragraphs (words hyphenated
 * across a line break made whole again). No pdf.js here: plain geometry, so it
 * can be tested without a PDF.
 */
import { isVietnameseSyllable } from '../vietnamese/legacy.js';
import { isStructuralHeading } from '../analyze/structure.js';

/** A text item as pdf.js places it: baseline origin (x, y up), advance width, font height. */
export interface PlacedItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface Line {
  text: string;
  /** Baseline (PDF units, y up). */
  y: number;
  height: number;
}

/** Lines of one page in reading order. */
export function pageLines(items: PlacedItem[]): Line[] {
  const gutter = findGutter(items);
  return gutter ? columnLines(items, gutter) : streamLines(items);
}

/** Lines in content-stream order: a new line on an end-of-line mark or a baseline jump. */
function streamLines(items: PlacedItem[]): Line[] {
  const result: Line[] = [];
  let current: Line | null = null;
  let endOfLine = false;
  for (const item of items) {
    if (item.str === '' && !item.hasEOL) continue;
    const newLine = !current || endOfLine || Math.abs(item.y - current.y) > item.height * 0.5;
    if (newLine && item.str !== '') {
      current = { text: item.str, y: item.y, height: item.height };
      result.push(current);
    } else if (current) {
      current.text += item.str;
    }
    endOfLine = item.hasEOL;
  }
  return tidy(result);
}

function tidy(lines: Line[]): Line[] {
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text);
}

interface Row {
  y: number;
  height: number;
  items: PlacedItem[];
}

/** Items grouped by baseline, top to bottom, each row left to right. */
function rows(items: PlacedItem[]): Row[] {
  const sorted = items.filter((i) => i.str.trim()).sort((a, b) => b.y - a.y || a.x - b.x);
  const result: Row[] = [];
  for (const item of sorted) {
    const last = result[result.length - 1];
    if (last && Math.abs(last.y - item.y) <= Math.max(last.height, item.height) * 0.5) last.items.push(item);
    else result.push({ y: item.y, height: item.height, items: [item] });
  }
  for (const row of result) row.items.sort((a, b) => a.x - b.x);
  return result;
}

/** A row's items as text, with a space where the gap between items is a word gap. */
function rowText(items: PlacedItem[]): string {
  let text = '';
  let end = -Infinity;
  for (const item of items) {
    const gap = item.x - end;
    if (text && gap > item.height * 0.15 && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    text += item.str;
    end = item.x + item.width;
  }
  return text;
}

/** A gutter narrower than this many points is a word gap, not a column break. */
const MIN_GUTTER = 9;
/** Each column of a two-column page has at least this many lines. */
const MIN_COLUMN_LINES = 6;

/**
 * The empty vertical band between two columns of text, if the page has two:
 * in the middle half of the text's width, crossed by at most a tenth of the
 * rows (titles and tables may span both columns), with lines on both sides
 * that mostly fill their column (so a two-cell table is not taken for columns).
 */
export function findGutter(items: PlacedItem[]): [number, number] | null {
  const all = rows(items);
  if (all.length < MIN_COLUMN_LINES * 2) return null;
  const left = Math.min(...all.flatMap((r) => r.items.map((i) => i.x)));
  const right = Math.max(...all.flatMap((r) => r.items.map((i) => i.x + i.width)));
  const width = right - left;
  if (width <= 0) return null;
  // Row extents as intervals, items closer than a word gap merged.
  const spans = all.map((row) => {
    const merged: Array<[number, number]> = [];
    for (const item of row.items) {
      const last = merged[merged.length - 1];
      if (last && item.x - last[1] < Math.max(MIN_GUTTER, row.height * 0.9)) last[1] = Math.max(last[1], item.x + item.width);
      else merged.push([item.x, item.x + item.width]);
    }
    return merged;
  });
  const step = 1;
  const from = left + width * 0.25;
  const to = left + width * 0.75;
  const allowed = Math.floor(all.length * 0.1);
  // How many rows cover each probe x: each row's intervals are disjoint, so each adds one over the probes it spans.
  const probes: number[] = [];
  for (let x = from; x <= to + step; x += step) probes.push(x);
  const coverage = new Int32Array(probes.length + 1);
  for (const row of spans) {
    for (const [a, b] of row) {
      const first = lowerBound(probes, a);
      const end = lowerBound(probes, b, true);
      if (first < end) {
        coverage[first]!++;
        coverage[end]!--;
      }
    }
  }
  for (let k = 1; k < probes.length; k++) coverage[k]! += coverage[k - 1]!;
  let best: [number, number] | null = null;
  let runStart: number | null = null;
  for (const [k, x] of probes.entries()) {
    const covered = x <= to ? coverage[k]! : Infinity;
    if (covered <= allowed) runStart ??= x;
    else if (runStart !== null) {
      if (!best || x - runStart > best[1] - best[0]) best = [runStart, x];
      runStart = null;
    }
  }
  if (!best || best[1] - best[0] < MIN_GUTTER) return null;
  const [g0, g1] = best;
  // The band's edges are found to the step: allow that much either side.
  const leftWidths = spans.flatMap((s) => s.filter(([, b]) => b <= g0 + step).map(([a, b]) => b - a));
  const rightWidths = spans.flatMap((s) => s.filter(([a]) => a >= g1 - step).map(([a, b]) => b - a));
  if (leftWidths.length < MIN_COLUMN_LINES || rightWidths.length < MIN_COLUMN_LINES) return null;
  if (median(leftWidths) < 0.6 * (g0 - left) || median(rightWidths) < 0.6 * (right - g1)) return null;
  return best;
}

/** First index whose value is ≥ `value` (> `value` when `after`), in an ascending array. */
function lowerBound(sorted: number[], value: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after ? sorted[mid]! <= value : sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Lines of a two-column page: top to bottom, a line crossing the gutter (a
 * title, a wide table) closes a band; inside a band the left column is read
 * before the right one.
 */
function columnLines(items: PlacedItem[], [g0, g1]: [number, number]): Line[] {
  const side = (i: PlacedItem) => (i.x + i.width <= g0 + 1 ? 'left' : i.x >= g1 - 1 ? 'right' : 'span');
  const result: Line[] = [];
  let leftBand: Line[] = [];
  let rightBand: Line[] = [];
  const closeBand = () => {
    result.push(...leftBand, ...rightBand);
    leftBand = [];
    rightBand = [];
  };
  for (const row of rows(items)) {
    const line = (parts: PlacedItem[]): Line => ({ text: rowText(parts), y: row.y, height: row.height });
    if (row.items.some((i) => side(i) === 'span')) {
      closeBand();
      result.push(line(row.items));
      continue;
    }
    const l = row.items.filter((i) => side(i) === 'left');
    const r = row.items.filter((i) => side(i) === 'right');
    if (l.length) leftBand.push(line(l));
    if (r.length) rightBand.push(line(r));
  }
  closeBand();
  return tidy(result);
}

// ---------------------------------------------------------------------------
// Running headers, footers and page numbers
// ---------------------------------------------------------------------------

/** Lines this close to the top or bottom of a page are where headers and footers live. */
const ZONE_LINES = 2;
/** "3", "- 3 -", "Trang 3", "Trang 3/10", "Page 3 of 10", "3/10", "(3)". */
const PAGE_NUMBER = /^(?:(?:trang|page)\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:\/|of|trên)\s*\d{1,4})?$/iu;

export function isPageNumberLine(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

/** Digits stand for any number, so "Trang 3/10" and "Trang 4/10" repeat. */
function lineKey(text: string): string {
  return text.toLocaleLowerCase('vi').replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** Indexes of a page's top and bottom lines (by position, not reading order). */
function zone(lines: Line[]): Set<number> {
  const byHeight = lines.map((l, i) => [l.y, i] as const).sort((a, b) => b[0] - a[0]);
  const picked = [...byHeight.slice(0, ZONE_LINES), ...byHeight.slice(-ZONE_LINES)].map(([, i]) => i);
  return new Set(picked);
}

/**
 * Remove running headers and footers (a line repeated at the top or bottom of
 * most pages) and page-number lines at the top or bottom of a page. Headers
 * are only recognised in documents of three pages or more: with fewer, a
 * repeated line is as likely to be content.
 */
export function removeRunningLines(pages: Line[][]): Line[][] {
  const zones = pages.map(zone);
  const seen = new Map<string, number>();
  pages.forEach((lines, p) => {
    const keys = new Set([...zones[p]!].map((i) => lineKey(lines[i]!.text)));
    for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  });
  const needed = Math.max(3, Math.ceil(pages.length * 0.5));
  const running = new Set([...seen].filter(([key, n]) => n >= needed && /\p{L}/u.test(key)).map(([key]) => key));
  // A chapter that starts on a new page ("CHƯƠNG 2" at the top) repeats in shape, not as furniture.
  const furniture = (line: Line) => isPageNumberLine(line.text) || (running.has(lineKey(line.text)) && !isStructuralHeading(line.text));
  return pages.map((lines, p) => lines.filter((line, i) => !zones[p]!.has(i) || !furniture(line)));
}

// ---------------------------------------------------------------------------
// Lines → paragraph text
// ---------------------------------------------------------------------------

const ACCENTED = /[^\x00-\x7f]/u;

/**
 * Append a line to paragraph text. A word hyphenated across the break
 * ("inter-" + "national") is made whole; Vietnamese never splits a syllable,
 * so two Vietnamese syllables around the break are two words ("sáng-" +
 * "tạo" → "sáng tạo"); before a capital or a digit the hyphen is real
 * ("NĐ-" + "CP" → "NĐ-CP").
 */
export function joinLine(text: string, line: string): string {
  if (!text) return line;
  if (!text.endsWith('-')) return `${text} ${line}`;
  // Only the paragraph's tail can hold the split word (the regex over the whole growing paragraph was quadratic).
  const hyphen = /(\p{L}+)-$/u.exec(text.slice(-64));
  const next = /^(\p{L}+)/u.exec(line);
  if (!hyphen || !/^[\p{L}\p{N}]/u.test(line)) return `${text} ${line}`;
  const head = text.slice(0, -1);
  if (!next || !/^\p{Ll}/u.test(next[1]!)) return head + '-' + line; // "NĐ-CP", "Covid-19"
  const [left, right] = [hyphen[1]!, next[1]!];
  if ((ACCENTED.test(left) || ACCENTED.test(right)) && isVietnameseSyllable(left, { ignoreCase: true }) && isVietnameseSyllable(right, { ignoreCase: true })) {
    return `${head} ${line}`;
  }
  return head + line;
}

/** A line that starts a khoản ("2. Người …") or điểm ("b) …") after a finished sentence. */
export function startsClause(previous: string, line: string): boolean {
  return /[.;:]$/.test(previous) && /^(?:\d{1,3}\.\s+\p{Lu}|[a-zđ]\)\s+\S)/u.test(line);
}
