/**
 * The citation basket: passages an officer collects while searching, each with
 * its citation and an optional note, in the order they will appear in the
 * report. Stored as one JSON file in the data folder (written atomically, so a
 * crash leaves the old basket or the new one), and exported as Markdown or as
 * a DOCX laid out per Decree 30/2020 (Times New Roman 14 pt, A4, margins
 * 20/20/30/15 mm) ready to paste into a report.
 *
 * Every change re-reads the file first and changes to one file are serialised
 * within the process, so two openers (or the CLI run after the server changed
 * it) do not undo each other's additions. Two processes changing the basket in
 * the same millisecond can still race (last write wins); no lock file is taken.
 * No LanceDB, no Electron: plain Node and the `docx` writer.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { readJson, writeFileAtomic, writeJsonAtomic } from '../store/atomic.js';

/** File name of the basket inside the data folder. */
export const BASKET_FILE = 'basket.json';

/** The basket file of a data folder. */
export function basketPath(dataDir: string): string {
  return path.join(dataDir, BASKET_FILE);
}

export type { BasketHit, BasketItem, CitationStyle } from '../api/contract.js';
import type { BasketHit, BasketItem, CitationStyle } from '../api/contract.js';

interface BasketFileV1 {
  version: 1;
  items: BasketItem[];
}

export interface ExportOptions {
  /** Heading of the export. Default "Trích dẫn tài liệu". */
  title?: string;
  /** Citation form to print. Default: the `citation` stored with each item. */
  style?: CitationStyle;
  /** Date printed under the heading (DOCX) — default today; null to leave it out. */
  date?: Date | null;
}

const DEFAULT_TITLE = 'Trích dẫn tài liệu';

function pickCitation(item: BasketItem, style?: CitationStyle): string {
  if (!style || !item.citations) return item.citation;
  return item.citations[style] ?? item.citation;
}

function isItem(value: unknown): value is BasketItem {
  const v = value as Partial<BasketItem> | null;
  return !!v && typeof v === 'object' && typeof v.id === 'string' && typeof v.passageId === 'string' && typeof v.text === 'string' && typeof v.citation === 'string' && typeof v.path === 'string';
}

function normalizeItem(v: BasketItem): BasketItem {
  return {
    id: v.id,
    passageId: v.passageId,
    documentId: v.documentId ?? null,
    path: v.path,
    title: v.title ?? null,
    page: typeof v.page === 'number' ? v.page : null,
    pageEnd: typeof v.pageEnd === 'number' ? v.pageEnd : null,
    section: v.section ?? null,
    text: v.text,
    citation: v.citation,
    citations: v.citations ?? null,
    note: typeof v.note === 'string' ? v.note : '',
    addedAt: typeof v.addedAt === 'string' ? v.addedAt : new Date(0).toISOString(),
  };
}

/** Error with a message meant for the user; transports pass the message on. */
export class BasketError extends Error {
  constructor(message: string) {
    super(`basket: ${message}`);
    this.name = 'BasketError';
  }
}

/** Changes to one basket file, serialised across every `Basket` of this process. */
const fileQueues = new Map<string, Promise<unknown>>();

export class Basket {
  private items: BasketItem[];

  private constructor(
    readonly file: string,
    items: BasketItem[],
  ) {
    this.items = items;
  }

  /** Open (or start) the basket stored in `file`; a damaged file is moved aside, not lost. */
  static async open(file: string): Promise<Basket> {
    return new Basket(file, await Basket.load(file));
  }

  private static async load(file: string): Promise<BasketItem[]> {
    const data = await readJson<BasketFileV1 | null>(file, null);
    if (data && Array.isArray(data.items)) return data.items.filter(isItem).map(normalizeItem);
    if (data === null && existsSync(file)) {
      // Unreadable JSON: keep it for the user and start afresh.
      await rename(file, `${file}.damaged-${Date.now()}`).catch(() => undefined);
    }
    return [];
  }

  /** The items in report order (copies: changing them changes nothing). */
  list(): BasketItem[] {
    return this.items.map((i) => ({ ...i, citations: i.citations ? { ...i.citations } : null }));
  }

  get size(): number {
    return this.items.length;
  }

  /** Re-read the file (another process may have changed it). */
  async reload(): Promise<BasketItem[]> {
    this.items = await Basket.load(this.file);
    return this.list();
  }

  private mutate<T>(change: (items: BasketItem[]) => T): Promise<T> {
    const run = async () => {
      const items = await Basket.load(this.file);
      const result = change(items);
      await writeJsonAtomic(this.file, { version: 1, items } satisfies BasketFileV1);
      this.items = items;
      return result;
    };
    // Mutations run one after another (per file, not per instance), each on a fresh read of the file.
    const key = path.resolve(this.file);
    const next = (fileQueues.get(key) ?? Promise.resolve()).then(run, run);
    const settled = next.catch(() => undefined);
    fileQueues.set(key, settled);
    void settled.then(() => {
      if (fileQueues.get(key) === settled) fileQueues.delete(key);
    });
    return next;
  }

  private static indexOf(items: BasketItem[], id: string): number {
    const at = items.findIndex((i) => i.id === id);
    if (at < 0) throw new BasketError(`no item "${id}" in the basket`);
    return at;
  }

  /**
   * Add a hit at the end (or at `position`). A passage already in the basket is
   * not added twice: the existing item is returned, with the note replaced when
   * a non-empty one is given.
   */
  add(hit: BasketHit, note = '', position?: number): Promise<BasketItem> {
    if (!hit || typeof hit.passageId !== 'string' || typeof hit.text !== 'string' || typeof hit.citation !== 'string') {
      return Promise.reject(new BasketError('a hit needs passageId, text and citation'));
    }
    return this.mutate((items) => {
      const existing = items.find((i) => i.passageId === hit.passageId);
      if (existing) {
        if (note.trim()) existing.note = note.trim();
        return { ...existing };
      }
      const item: BasketItem = {
        id: randomUUID(),
        passageId: hit.passageId,
        documentId: hit.documentId ?? null,
        path: hit.path,
        title: hit.title ?? null,
        page: hit.page ?? null,
        pageEnd: hit.pageEnd ?? hit.page ?? null,
        section: hit.section ?? null,
        text: hit.text,
        citation: hit.citation,
        citations: hit.citations ?? null,
        note: note.trim(),
        addedAt: new Date().toISOString(),
      };
      const at = position === undefined ? items.length : Math.max(0, Math.min(items.length, Math.trunc(position)));
      items.splice(at, 0, item);
      return { ...item };
    });
  }

  /** Remove an item; false when it was not there. */
  remove(id: string): Promise<boolean> {
    return this.mutate((items) => {
      const at = items.findIndex((i) => i.id === id);
      if (at < 0) return false;
      items.splice(at, 1);
      return true;
    });
  }

  /** Move one item to `position` (0-based, clamped). Returns the new order. */
  move(id: string, position: number): Promise<BasketItem[]> {
    return this.mutate((items) => {
      const [item] = items.splice(Basket.indexOf(items, id), 1);
      items.splice(Math.max(0, Math.min(items.length, Math.trunc(position))), 0, item!);
      return items.map((i) => ({ ...i }));
    });
  }

  /**
   * Put items in this order. `ids` lists the current items; ids of items that
   * are no longer there are ignored and items it does not list keep their
   * relative order at the end (so a stale UI cannot drop anything).
   */
  reorder(ids: string[]): Promise<BasketItem[]> {
    return this.mutate((items) => {
      const byId = new Map(items.map((i) => [i.id, i]));
      const ordered: BasketItem[] = [];
      for (const id of ids) {
        const item = byId.get(id);
        if (item) {
          ordered.push(item);
          byId.delete(id);
        }
      }
      const rest = items.filter((i) => byId.has(i.id));
      items.splice(0, items.length, ...ordered, ...rest);
      return items.map((i) => ({ ...i }));
    });
  }

  /** Replace an item's note ("" removes it). */
  setNote(id: string, note: string): Promise<BasketItem> {
    return this.mutate((items) => {
      const item = items[Basket.indexOf(items, id)]!;
      item.note = String(note ?? '').trim();
      return { ...item };
    });
  }

  /** Empty the basket. */
  clear(): Promise<void> {
    return this.mutate((items) => {
      items.splice(0, items.length);
    });
  }

  toMarkdown(options: ExportOptions = {}): string {
    return basketToMarkdown(this.items, options);
  }

  toDocx(options: ExportOptions = {}): Promise<Uint8Array> {
    return basketToDocx(this.items, options);
  }

  /** Write the Markdown export to `file` (atomically). */
  async exportMarkdown(file: string, options: ExportOptions = {}): Promise<void> {
    await writeFileAtomic(file, this.toMarkdown(options));
  }

  /** Write the DOCX export to `file` (atomically). */
  async exportDocx(file: string, options: ExportOptions = {}): Promise<void> {
    await writeFileAtomic(file, await this.toDocx(options));
  }
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

/** Markdown-escape text so it prints as written: emphasis and link characters, and line-leading markers. */
function escapeMarkdown(line: string): string {
  return line
    .replace(/([\\`*_[\]<])/g, '\\$1')
    .replace(/^(\s*)([#>+-]|\d+[.)])(\s|$)/, (_m, sp: string, marker: string, after: string) => `${sp}\\${marker}${after}`);
}

/**
 * The basket as Markdown: a heading, then per item a numbered blockquote of the
 * passage ending with "— citation", and the note below it.
 *
 * ```
 * # Trích dẫn tài liệu
 *
 * **1.**
 *
 * > passage text
 * >
 * > — Quyết định số …, Điều 3, tr. 4
 *
 * *Ghi chú:* note
 * ```
 */
export function basketToMarkdown(items: readonly BasketItem[], options: ExportOptions = {}): string {
  const out: string[] = [`# ${options.title ?? DEFAULT_TITLE}`, ''];
  if (items.length === 0) out.push('*(Giỏ trích dẫn trống.)*', '');
  items.forEach((item, k) => {
    out.push(`**${k + 1}.**`, '');
    const lines = item.text.replace(/\r\n?/g, '\n').split('\n');
    for (const line of lines) out.push(line.trim() ? `> ${escapeMarkdown(line.trimEnd())}` : '>');
    out.push('>', `> — ${escapeMarkdown(pickCitation(item, options.style))}`, '');
    if (item.note) out.push(`*Ghi chú:* ${escapeMarkdown(item.note.replace(/\s*\n\s*/g, ' '))}`, '');
  });
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// DOCX (Decree 30/2020 presentation: Times New Roman, 14 pt body, A4)
// ---------------------------------------------------------------------------

const FONT = 'Times New Roman';
/** docx sizes are half-points. */
const SIZE_BODY = 28; // 14 pt
const SIZE_SMALL = 26; // 13 pt
const MM = 56.7; // twips per millimetre
const CM = 567;

function formatDate(date: Date): string {
  const d = date.getDate();
  const m = date.getMonth() + 1;
  return `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${date.getFullYear()}`;
}

/** The basket as a DOCX file (bytes). */
export async function basketToDocx(items: readonly BasketItem[], options: ExportOptions = {}): Promise<Uint8Array> {
  const title = options.title ?? DEFAULT_TITLE;
  const date = options.date === undefined ? new Date() : options.date;
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: date ? 60 : 240 },
      children: [new TextRun({ text: title.toLocaleUpperCase('vi'), bold: true, size: SIZE_BODY })],
    }),
  ];
  if (date) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [new TextRun({ text: `(Tổng hợp ${formatDate(date)})`, italics: true, size: SIZE_SMALL })],
      }),
    );
  }
  if (items.length === 0) {
    children.push(new Paragraph({ children: [new TextRun({ text: 'Giỏ trích dẫn trống.', italics: true })] }));
  }
  items.forEach((item, k) => {
    const paragraphs = item.text
      .replace(/\r\n?/g, '\n')
      .split(/\n{2,}/)
      .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean);
    paragraphs.forEach((text, j) => {
      const runs: TextRun[] = [];
      if (j === 0) runs.push(new TextRun({ text: `${k + 1}. `, bold: true }));
      const open = j === 0 ? '“' : '';
      const close = j === paragraphs.length - 1 ? '”' : '';
      runs.push(new TextRun({ text: `${open}${text}${close}` }));
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: CM },
          spacing: { before: j === 0 ? 240 : 0, after: 120, line: 312, lineRule: LineRuleType.AUTO },
          // Keep the last lines of the passage with their citation; long passages may still break across pages.
          keepNext: j === paragraphs.length - 1,
          children: runs,
        }),
      );
    });
    const cited = `(${pickCitation(item, options.style)})`;
    children.push(
      new Paragraph({
        // A short source sits at the right margin; a long one reads better as an indented paragraph.
        alignment: cited.length <= 80 ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
        indent: { left: CM },
        spacing: { after: item.note ? 60 : 120 },
        keepNext: !!item.note,
        children: [new TextRun({ text: cited, italics: true, size: SIZE_SMALL })],
      }),
    );
    if (item.note) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: { left: CM },
          spacing: { after: 120 },
          children: [new TextRun({ text: 'Ghi chú: ', bold: true, size: SIZE_SMALL }), new TextRun({ text: item.note, size: SIZE_SMALL })],
        }),
      );
    }
  });
  const doc = new Document({
    creator: 'Kho Tri Thức',
    title,
    description: 'Trích dẫn xuất từ giỏ trích dẫn của Kho Tri Thức',
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE_BODY }, paragraph: { spacing: { line: 312 } } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) },
          },
        },
        // Page numbers centred at the top, not on the first page (Decree 30/2020, Appendix I, I.7).
        headers: {
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE_BODY })] })],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
