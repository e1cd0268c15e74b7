/**
 * OCR of page images with Vietnamese language data (the one file that knows the
 * OCR engine).
 *
 * Engine choice: tesseract.js (Tesseract 5 compiled to WebAssembly, shipped inside
 * the npm package) rather than the `tesseract` program. The desktop app must work
 * on an office Windows PC where nobody can install Tesseract (the Windows builds
 * come from a third party, need admin rights and a PATH entry); tesseract.js needs
 * nothing beyond `npm install`, runs in a worker thread so the indexer stays
 * responsive, and reads the same `.traineddata` files. Measured here on the two
 * Đà Nẵng page images (scripts/eval-ocr.mjs): the same accuracy as the CLI
 * (same engine and model) and about the same speed, because the CLI run pays its
 * start-up and model load on every page while a worker loads once.
 *
 * Language data is managed like the embedding model: a local folder, never
 * downloaded at run time. tesseract.js would fetch it from a CDN when `langPath` is
 * unset; we always set it to a folder we have checked holds the files, and pass
 * `cacheMethod: 'none'` so nothing is written next to the process either.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { normalizeText } from '../common/normalize.js';
import { isStructuralHeading } from '../analyze/structure.js';
import type { Block } from './types.js';
import { OCR_PAGE_TIME_LIMIT_MS } from './limits.js';

/** Where Debian's `tesseract-ocr-vie` puts the Vietnamese model (Tesseract 5, then 4). */
export const SYSTEM_TESSDATA = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'];
export const DEFAULT_LANGUAGES = 'vie';

/** A page OCR could not read, with the reason shown to the user. */
export class OcrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OcrError';
  }
}

/**
 * The language-data folder: the option, else $KHO_TESSDATA, else the system
 * folder when it exists. Returns null when none of them holds every language.
 */
export function resolveTessdata(option: string | undefined, languages = DEFAULT_LANGUAGES): string | null {
  const wanted = languages.split('+');
  const candidates = option ? [option] : process.env.KHO_TESSDATA ? [process.env.KHO_TESSDATA] : SYSTEM_TESSDATA;
  for (const dir of candidates) {
    if (wanted.every((lang) => existsSync(path.join(dir, `${lang}.traineddata`)))) return dir;
  }
  return null;
}

export function noLanguageDataReason(option: string | undefined, languages = DEFAULT_LANGUAGES): string {
  const where = option ?? process.env.KHO_TESSDATA ?? SYSTEM_TESSDATA[0];
  return `no OCR language data (${languages.split('+').map((l) => `${l}.traineddata`).join(', ')} not found in ${where}; set KHO_TESSDATA to a folder holding it)`;
}

interface TesseractWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TesseractData {
  text: string;
  confidence: number;
  blocks?: Array<{ paragraphs: Array<{ lines: Array<{ words: TesseractWord[] }> }> }> | null;
}
interface TesseractWorker {
  recognize(image: Buffer, options?: object, output?: { text?: boolean; blocks?: boolean }): Promise<{ data: TesseractData }>;
  terminate(): Promise<unknown>;
}

/** One recognised word and its box in the image's pixels (left, top, right, bottom). */
export interface OcrWord {
  text: string;
  confidence: number;
  box: [number, number, number, number];
}

export interface OcrResult {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
  ms: number;
  /** The words with their boxes, in reading order, when asked for (`words: true`). */
  words?: OcrWord[];
}

/**
 * One Tesseract worker, created on first use and reused page after page. A page
 * that runs past its time limit terminates the worker (Tesseract cannot be
 * interrupted otherwise); the next page starts a fresh one.
 */
export class OcrEngine {
  private worker: Promise<TesseractWorker> | null = null;

  constructor(
    readonly tessdata: string,
    readonly languages = DEFAULT_LANGUAGES,
  ) {}

  private start(): Promise<TesseractWorker> {
    if (!this.worker) {
      this.worker = (async () => {
        const { createWorker } = (await import('tesseract.js')).default;
        // OEM 1 = LSTM only (the accurate engine; works with every tessdata flavour).
        return (await createWorker(this.languages.split('+'), 1, {
          langPath: this.tessdata,
          gzip: false,
          cacheMethod: 'none',
          // Without a handler tesseract.js throws a job's failure (an unreadable image) from its
          // message listener, out of reach of any catch: the process dies. With it, recognize() rejects.
          errorHandler: () => undefined,
        })) as unknown as TesseractWorker;
      })();
      this.worker.catch(() => {
        this.worker = null;
      });
    }
    return this.worker;
  }

  /**
   * Recognise one image (PNG, JPEG, BMP or single-page TIFF bytes) within `timeoutMs`;
   * with `words`, also each word's box (for marking a passage on the page).
   */
  async recognize(image: Buffer, timeoutMs = OCR_PAGE_TIME_LIMIT_MS, { words = false } = {}): Promise<OcrResult> {
    const started = performance.now();
    let worker: TesseractWorker;
    try {
      worker = await this.start();
    } catch (error) {
      throw new OcrError(`the OCR engine could not start (${(error as Error).message ?? error})`);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrError(`OCR took longer than ${Math.round(timeoutMs / 1000)} s on this page`)), timeoutMs);
    });
    try {
      const { data } = await Promise.race([worker.recognize(image, {}, words ? { text: true, blocks: true } : undefined), timeout]);
      const result: OcrResult = { text: data.text, confidence: data.confidence, ms: performance.now() - started };
      if (words) result.words = wordsOf(data);
      return result;
    } catch (error) {
      if (error instanceof OcrError) {
        await this.terminate();
        throw error;
      }
      throw new OcrError(`OCR failed on this page (${(error as Error).message ?? error})`);
    } finally {
      clearTimeout(timer);
    }
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker.catch(() => null))?.terminate().catch(() => undefined);
  }
}

function wordsOf(data: TesseractData): OcrWord[] {
  const out: OcrWord[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const w of line.words) out.push({ text: w.text, confidence: w.confidence, box: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1] });
      }
    }
  }
  return out;
}

/**
 * OCR text → blocks: paragraphs at blank lines, and inside a text block where a
 * line ends a sentence and the next starts a new item ("1.", "-", a capital) or is
 * a structural heading (Điều 5, Chương II). Lines are joined with spaces; a hyphen
 * at a line end joins the word halves. Every block is marked as OCR-derived.
 */
export function ocrTextToBlocks(text: string, page: number | null): Block[] {
  const blocks: Block[] = [];
  const push = (lines: string[]) => {
    const joined = lines
      .join('\n')
      .replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2')
      .replace(/\s+/g, ' ')
      .trim();
    const clean = normalizeText(joined);
    if (clean && /[\p{L}\p{N}]/u.test(clean)) blocks.push({ text: clean, page, kind: isStructuralHeading(clean) ? 'heading' : 'paragraph', ocr: true });
  };
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let current: string[] = [];
    for (const line of paragraph.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const previous = current[current.length - 1];
      const startsItem = /^([-–•+*]|\d+[.)]|[a-zđ][.)]\s|[IVX]+[.)]\s)/u.test(line) || isStructuralHeading(line);
      if (previous !== undefined && (startsItem || (/[.;:!?]$/.test(previous) && /^\p{Lu}/u.test(line)))) {
        push(current);
        current = [];
      }
      current.push(line);
    }
    push(current);
  }
  return blocks;
}
