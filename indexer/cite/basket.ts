/**
 * The citation basket: passages an officer collects while searching, each with
 * its citation and an optional note, in the order they will appear in the
 * report. Stored as one JSON file in the data folder (written atomically, so a
 * crash leaves the old basket or the new one), and exported as Markdown
 * (basket-markdown.ts) or as a DOCX laid out per Decree 30/2020
 * (basket-docx.ts) ready to paste into a report.
 *
 * Every change re-reads the file first and changes to one file are serialised
 * within the process, so two openers (or the CLI run after the server changed
 * it) do not undo each other's additions. Two processes changing the basket in
 * the same millisecond can still race (last write wins); no lock file is taken.
 * No LanceDB, no Electron: plain Node.
 */
import { UserError } from '../api/errors.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { readJson, withFileLock, writeFileAtomic, writeJsonAtomic } from '../store/atomic.js';
import { basketToDocx } from './basket-docx.js';
import { basketToMarkdown } from './basket-markdown.js';
import type { ExportOptions } from './export-options.js';

// The exports are known by this module to the API and the tests.
export { basketToDocx } from './basket-docx.js';
export { basketToMarkdown } from './basket-markdown.js';
export type { ExportOptions } from './export-options.js';

/** File name of the basket inside the data folder. */
export const BASKET_FILE = 'basket.json';

/** The basket file of a data folder. */
export function basketPath(dataDir: string): string {
  return path.join(dataDir, BASKET_FILE);
}

export type { BasketHit, BasketItem, CitationStyle } from '../api/contract.js';
import type { BasketHit, BasketItem } from '../api/contract.js';

interface BasketFileV1 {
  version: 1;
  items: BasketItem[];
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

/** A basket mistake is the user's to fix: a user error with a `basket.*` code. */
export class BasketError extends UserError<'basket.noItem' | 'basket.hitIncomplete'> {}

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
    // Damaged (not JSON): moved aside below; a file that cannot be read now is an error, never overwritten.
    const data = await readJson<BasketFileV1 | null>(file, null).catch((error) => {
      if ((error as { code?: string }).code === 'data.fileCorrupt' && existsSync(file) && !/^E[A-Z]+$/.test(String((error as { params?: { problem?: string } }).params?.problem))) return null;
      throw error;
    });
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
    // Across processes (the app and a CLI on one data folder) too: the read-modify-write holds the file's lock.
    const run = () =>
      withFileLock(this.file, async () => {
        const items = await Basket.load(this.file);
        const result = change(items);
        await writeJsonAtomic(this.file, { version: 1, items } satisfies BasketFileV1);
        this.items = items;
        return result;
      });
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
    if (at < 0) throw new BasketError('basket.noItem', { id });
    return at;
  }

  /**
   * Add a hit at the end (or at `position`). A passage already in the basket is
   * not added twice: the existing item is returned, with the note replaced when
   * a non-empty one is given.
   */
  add(hit: BasketHit, note = '', position?: number): Promise<BasketItem> {
    if (!hit || typeof hit.passageId !== 'string' || typeof hit.text !== 'string' || typeof hit.citation !== 'string') {
      return Promise.reject(new BasketError('basket.hitIncomplete'));
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
