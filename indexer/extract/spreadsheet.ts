/**
 * Sheets → blocks, shared by the .xls and .xlsx readers. A sheet is cut into
 * regions (runs of rows separated by two or more empty rows); each region opens
 * with a heading naming the sheet and its cell range — "Biểu 5 (A1:H20)" — so the
 * chunker starts a passage there and the citation says where the numbers are.
 * Each row is one paragraph, its cells joined by a tab.
 */
import { LegacyConverter } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import type { Block } from './types.js';

export interface Cell {
  /** 0-based row and column. */
  row: number;
  col: number;
  /** Text as stored (legacy bytes not yet converted). */
  text: string;
  /** The cell's font, when the format records it. */
  font: string | null;
  /** Numbers and booleans need no conversion. */
  literal?: boolean;
}

export interface Sheet {
  name: string;
  cells: Cell[];
}

/**
 * Cells of a row are joined with a tab: whitespace to search and to the accuracy
 * metric (which collapses it), and a column break to a reader.
 */
export const CELL_SEPARATOR = '\t';

/** Two empty rows or more end a region. */
const REGION_GAP = 2;

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

export function sheetBlocks(sheets: Sheet[], converter: LegacyConverter): Block[] {
  const blocks: Block[] = [];
  for (const sheet of sheets) {
    const sheetName = normalizeText(converter.convert(sheet.name).trim()) || 'Sheet';
    const rows = new Map<number, Cell[]>();
    for (const cell of sheet.cells) {
      if (!cell.text.trim()) continue;
      const list = rows.get(cell.row);
      if (list) list.push(cell);
      else rows.set(cell.row, [cell]);
    }
    const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
    let region: Array<{ row: number; cells: Cell[] }> = [];
    const flush = () => {
      if (!region.length) return;
      const first = region[0]!.row;
      const last = region[region.length - 1]!.row;
      const cols = region.flatMap((r) => r.cells.map((c) => c.col));
      const range = `${columnName(Math.min(...cols))}${first + 1}:${columnName(Math.max(...cols))}${last + 1}`;
      const lines: Block[] = [];
      for (const { cells } of region) {
        const text = cells
          .sort((a, b) => a.col - b.col)
          .map((c) => (c.literal ? c.text : converter.convert(c.text, { font: c.font })).replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join(CELL_SEPARATOR);
        const clean = normalizeText(text);
        if (clean) lines.push({ text: clean, page: null, kind: 'paragraph' });
      }
      if (lines.length) blocks.push({ text: `${sheetName} (${range})`, page: null, kind: 'heading', level: 1 }, ...lines);
      region = [];
    };
    let previous = -Infinity;
    for (const row of rowNumbers) {
      if (row - previous > REGION_GAP) flush();
      region.push({ row, cells: rows.get(row)! });
      previous = row;
    }
    flush();
  }
  return blocks;
}

/** A number as a person would type it: integers without ".0", no exponent for ordinary sizes. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const fixed = Number(value.toPrecision(15));
  return String(fixed);
}
