/**
 * Where a cited passage sits on a page, for the viewer to mark it where the
 * page's own text layer cannot: on a scanned page (no text layer, or a garbage
 * one) and on a PDF typed in a TCVN3/VNI font (the layer is mojibake), and on a
 * page image. The viewer draws the rectangles over the page it renders.
 *
 * OCR'd pages are read again on demand, the page being viewed only, with word
 * boxes (the same render and engine as indexing, so the same words come out);
 * a few pages are kept, so paging back and forth costs nothing. Storing every
 * word box of every scan at indexing time would weigh more than the text
 * itself, for pages few people open.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageMarks, PageMarksRequest } from '../api/contract.js';
import { UserError } from '../api/errors.js';
import { matchItems } from '../common/passage-match.js';
import { IMAGE_FORMATS } from '../extract/formats.js';
import { imagePages, sniffImage } from '../extract/image-format.js';
import { DEFAULT_LANGUAGES, OcrEngine, resolveTessdata, type OcrWord } from '../extract/ocr.js';
import { renderPage } from '../extract/pdf.js';
import type { Catalogue } from '../store/catalogue.js';
import { notesColumn } from '../store/json-columns.js';
import { LegacyConverter } from '../vietnamese/legacy.js';

type Box = [number, number, number, number];

interface OcrPage {
  words: OcrWord[];
  width: number;
  height: number;
}

/** Pages whose OCR words are kept (a few megabytes at most). */
const CACHED_PAGES = 12;
/** An idle OCR engine is stopped after this long: it holds a worker thread and the language model. */
const ENGINE_IDLE_MS = 60_000;
/** OCR words below this confidence (0–100) are not marked: handwriting, stamps, noise. */
const MIN_MARK_CONFIDENCE = 60;
/** Nor words taller than this many times the passage's median word: a vertical scrawl, not a printed word. */
const MAX_HEIGHT_RATIO = 2;
/** Render scale of PDF pages for OCR: 300 dpi, as indexing renders them. */
const OCR_SCALE = 300 / 72;

/** How page marks find a document and its file on this machine (DocumentViews). */
export interface PageSource {
  libraryPath(given: string): string | undefined;
  sourceOf(docPath: string): Promise<string>;
}

export class PageMarker {
  private readonly cache = new Map<string, Promise<OcrPage>>();
  private engine: OcrEngine | null = null;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly tessdata?: string) {}

  /**
   * `source` finds the document by a given path and its file on this machine (through the
   * root mapping, library/roots.ts); default: the path as recorded.
   */
  async marks(catalogue: Catalogue, request: PageMarksRequest, source?: PageSource): Promise<PageMarks> {
    const absolute = path.resolve(String(request?.path ?? ''));
    const doc = catalogue.byPath(source?.libraryPath(String(request?.path ?? '')) ?? absolute);
    if (!doc) throw new UserError('document.notInLibrary', { path: absolute });
    const notes = notesColumn.decode(doc.notes) ?? {};
    const page = request.page;
    const ocrd = notes.ocrPages?.includes(page) ?? false;
    const key = `${doc.hash}:${page}`;
    const image = IMAGE_FORMATS.has(doc.format);
    if ((!image && doc.format !== 'pdf') || (image && !ocrd)) return { boxes: [], source: null };
    const local = source ? await source.sourceOf(doc.path) : doc.path;
    const data = await readFile(local).catch(() => {
      throw new UserError('document.gone', { path: local });
    });
    if (image) {
      const kind = sniffImage(data);
      return this.fromOcr(key, request.text, async () => {
        const p = kind ? imagePages(data, kind)[page - 1] : undefined;
        return p ? { bytes: p.bytes(), width: p.width, height: p.height } : null;
      });
    }
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
    try {
      if (page < 1 || page > pdf.numPages) return { boxes: [], source: null };
      if (ocrd) {
        return await this.fromOcr(key, request.text, async () => {
          const png = await renderPage(pdf, page, OCR_SCALE);
          const [size] = imagePages(png, 'png');
          return { bytes: png, width: size!.width, height: size!.height };
        });
      }
      const legacy = notes.legacyEncodings && Object.keys(notes.legacyEncodings).length > 0;
      const pdfPage = await pdf.getPage(page);
      const viewport = pdfPage.getViewport({ scale: 1 });
      const content = await pdfPage.getTextContent();
      const items = content.items.filter((i): i is typeof i & { str: string; transform: number[]; width: number; height: number } => typeof (i as { str?: unknown }).str === 'string');
      // One converter for the page: a short item that reads the same in any encoding takes the page's.
      const converter = new LegacyConverter({ pdf: true });
      const strings = items.map((i) => (legacy ? converter.convert(i.str) : i.str));
      const found = matchItems(strings, request.text);
      const boxes = found.map((index): Box => {
        const item = items[index]!;
        const [x, y] = [item.transform[4]!, item.transform[5]!];
        const h = Math.abs(item.height || item.transform[3]! || 10);
        const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([x, y - h * 0.25, x + item.width, y + h * 0.95]);
        return fraction([Math.min(x1!, x2!), Math.min(y1!, y2!), Math.max(x1!, x2!), Math.max(y1!, y2!)], viewport.width, viewport.height);
      });
      return { boxes: mergeLines(boxes), source: legacy ? 'converted' : 'text' };
    } finally {
      await pdf.destroy();
    }
  }

  /** The passage's words on an OCR'd page, read again (or from the cache). */
  private async fromOcr(key: string, text: string, load: () => Promise<{ bytes: Buffer; width: number; height: number } | null>): Promise<PageMarks> {
    let read = this.cache.get(key);
    if (!read) {
      read = (async () => {
        const engine = this.ocr();
        const image = engine ? await load() : null;
        if (!engine || !image) return { words: [], width: 1, height: 1 };
        const result = await engine.recognize(image.bytes, undefined, { words: true });
        return { words: result.words ?? [], width: image.width, height: image.height };
      })();
      this.cache.set(key, read);
      read.catch(() => this.cache.delete(key));
      while (this.cache.size > CACHED_PAGES) this.cache.delete(this.cache.keys().next().value!);
    }
    const page = await read;
    const found = matchItems(page.words.map((w) => w.text), text).map((i) => page.words[i]!);
    // Handwriting in a margin (notes, a signature) comes out as low-confidence "words" with boxes
    // several lines tall: marking them would paint over the printed lines beside them.
    const heights = found.map((w) => w.box[3] - w.box[1]).sort((a, b) => a - b);
    const median = heights[Math.floor(heights.length / 2)] ?? 0;
    const printed = found.filter((w) => w.confidence >= MIN_MARK_CONFIDENCE && w.box[3] - w.box[1] <= MAX_HEIGHT_RATIO * median);
    return { boxes: mergeLines(printed.map((w) => fraction(w.box, page.width, page.height))), source: 'ocr' };
  }

  /** The engine, started on first use; null without language data (nothing is marked then). */
  private ocr(): OcrEngine | null {
    const tessdata = resolveTessdata(this.tessdata, DEFAULT_LANGUAGES);
    if (!tessdata) return null;
    this.engine ??= new OcrEngine(tessdata, DEFAULT_LANGUAGES);
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.close(), ENGINE_IDLE_MS);
    this.idle.unref();
    return this.engine;
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const engine = this.engine;
    this.engine = null;
    await engine?.terminate();
  }
}

function fraction([left, top, right, bottom]: Box, width: number, height: number): Box {
  const round = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000;
  return [round(left / width), round(top / height), round(right / width), round(bottom / height)];
}

/** Boxes of one line (overlapping vertically, in reading order) joined into one rectangle. */
function mergeLines(boxes: Box[]): Box[] {
  const out: Box[] = [];
  for (const box of boxes) {
    const last = out[out.length - 1];
    const overlap = last ? Math.min(last[3], box[3]) - Math.max(last[1], box[1]) : 0;
    if (last && overlap > 0.5 * Math.min(last[3] - last[1], box[3] - box[1]) && box[0] >= last[0]) {
      out[out.length - 1] = [Math.min(last[0], box[0]), Math.min(last[1], box[1]), Math.max(last[2], box[2]), Math.max(last[3], box[3])];
    } else {
      out.push(box);
    }
  }
  return out;
}
