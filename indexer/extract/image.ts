/**
 * Page images (JPEG, PNG, BMP, TIFF with any number of pages) → blocks, by
 * OCR. The pages of a multi-page TIFF are the document's pages: a 12-page TIFF
 * cites "tr. 7" like a 12-page scanned PDF. A single image has a page number only
 * when the page shows it (`singleImagePage`): `4_2.jpg` is often page 2 of a letter,
 * and citing it as "tr. 1" would state a page the document does not support. Held to the same limits as a scanned PDF's OCR
 * (limits.ts): pixels per page, pages OCR'd per document, time per page, and
 * the file's own size and time limits around it.
 *
 * One file is one document, also for a folder of page images named
 * `4_1.jpg`, `4_2.jpg`: the file is what the library watches, hashes, moves
 * and removes, and a hit names it, so the page a passage is on stays visible
 * in its name. Joining such files into one document would make a document
 * that changes when any of several files does, and would wrongly join a
 * phone's `IMG_1.jpg`, `IMG_2.jpg`, which are rarely one document.
 */
import { foldAccents } from '../common/normalize.js';
import { DEFAULT_LANGUAGES, noLanguageDataReason, OcrEngine, OcrError, ocrTextToBlocks, resolveTessdata } from './ocr.js';
import { corruptImage, imagePages, UnsupportedTiff, type ImageKind, type ImagePage } from './image-format.js';
import { MAX_IMAGE_PIXELS, MAX_OCR_PAGES, OCR_PAGE_TIME_LIMIT_MS } from './limits.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractOptions } from './types.js';

/** Below this mean word confidence (0–100) Tesseract is reading noise, not print (as for PDF pages). */
const MIN_OCR_CONFIDENCE = 50;

/** A document's first page: the national name, the motto or the number line "Số: 1906/…" (marks folded; OCR drops them). */
const FIRST_PAGE = /cong\s*hoa\s*xa\s*hoi|doc\s*lap\s*[-–]?\s*tu\s*do|(?:^|\n)\s*so\s*:\s*\d/iu;

/**
 * The page a single image is, as far as it shows (issue 16): Decree 30/2020 prints no number on a
 * document's first page, which carries the header (national name, "Số: …"), and numbers the others
 * at the top. So a header in the first lines → 1; a number alone on the first line ("2", "- 3 -")
 * → that page; otherwise null (unknown: no page is cited).
 */
export function singleImagePage(text: string): number | null {
  const lines = text.split(/\r?\n/u).map((l) => l.trim()).filter(Boolean);
  const number = /^[-–]?\s*(\d{1,3})\s*[-–]?$/u.exec(lines[0] ?? '');
  if (number && Number(number[1]) >= 1) return Number(number[1]);
  const head = foldAccents(lines.slice(0, 12).join('\n'));
  return FIRST_PAGE.test(head) ? 1 : null;
}

/** What Leptonica says when it cannot decode the bytes it was given. */
const UNREADABLE = /attempting to read image|pixRead|image file format|unknown format/i;

export async function extractImage(data: Uint8Array, kind: ImageKind, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  let pages: ImagePage[];
  try {
    pages = imagePages(data, kind);
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw corruptImage(kind, (error as Error).message ?? String(error));
  }
  const megapixels = (p: ImagePage) => Math.round((p.width * p.height) / 1e6);
  const limit = Math.round(MAX_IMAGE_PIXELS / 1e6);
  if (pages.length === 1 && pages[0]!.width * pages[0]!.height > MAX_IMAGE_PIXELS) {
    const mp = megapixels(pages[0]!);
    throw new ExtractionError('too-large', `the image has ${mp} million pixels; images over ${limit} million are not OCR'd`, { code: 'failure.imagePixels', params: { megapixels: mp, limit } });
  }
  if (options.ocr === false) {
    throw new ExtractionError('empty', 'an image is read only by OCR, and OCR is turned off', { code: 'failure.imageNoText', params: { cause: 'ocr-off' } });
  }
  const ocr = options.ocr ?? {};
  const languages = ocr.languages ?? DEFAULT_LANGUAGES;
  const tessdata = resolveTessdata(ocr.tessdata, languages);
  if (!tessdata) {
    const reason = noLanguageDataReason(ocr.tessdata, languages);
    throw new ExtractionError('empty', `OCR could not read the image: ${reason}`, { code: 'failure.imageNoText', params: { cause: 'ocr-failed' } });
  }
  const maxPages = ocr.maxPages ?? MAX_OCR_PAGES;
  const todo = Math.min(pages.length, maxPages);
  const blocks: Block[] = [];
  const done: number[] = [];
  const failures: Array<{ page: number; reason: string }> = [];
  const report = (page: number, failure?: string) => ocr.onProgress?.({ page, pagesToOcr: todo, done: done.length + failures.length, failure });
  report(1); // the total is known before the first page is read
  const engine = new OcrEngine(tessdata, languages);
  let unreadable: string | null = null;
  let coding: string | null = null;
  try {
    for (const [index, p] of pages.entries()) {
      const page = index + 1;
      if (index >= maxPages) {
        failures.push({ page, reason: `not OCR'd: the image has more than ${maxPages} pages to OCR (raise the OCR page limit)` });
        continue;
      }
      try {
        if (p.width * p.height > MAX_IMAGE_PIXELS) throw new OcrError(`not OCR'd: the page has ${megapixels(p)} million pixels (over ${limit} million)`);
        let bytes: Buffer;
        try {
          bytes = p.bytes();
        } catch (error) {
          if (error instanceof UnsupportedTiff) coding ??= error.coding;
          throw new OcrError(error instanceof Error ? `the page could not be read (${error.message})` : String(error));
        }
        const result = await engine.recognize(bytes, ocr.pageTimeoutMs ?? OCR_PAGE_TIME_LIMIT_MS).catch((error: unknown) => {
          if (error instanceof OcrError && UNREADABLE.test(error.message)) unreadable ??= error.message;
          throw error;
        });
        const pageBlocks = ocrTextToBlocks(result.text, pages.length > 1 ? page : singleImagePage(result.text));
        if (pageBlocks.length === 0) throw new OcrError('OCR found no text on this page');
        if (result.confidence < MIN_OCR_CONFIDENCE) throw new OcrError(`OCR found no legible text on this page (confidence ${Math.round(result.confidence)}%)`);
        blocks.push(...pageBlocks);
        done.push(page);
        report(page);
      } catch (error) {
        failures.push({ page, reason: error instanceof Error ? error.message : String(error) });
        report(page, failures[failures.length - 1]!.reason);
      }
    }
  } finally {
    await engine.terminate();
  }
  if (blocks.length === 0) {
    // Nothing read: say why in the terms of the first page's problem.
    if (coding) throw new ExtractionError('unsupported', `TIFF pages coded with ${coding} are not supported`, { code: 'failure.imageCoding', params: { coding } });
    if (unreadable) throw corruptImage(kind, unreadable);
    const oversized = pages.every((p) => p.width * p.height > MAX_IMAGE_PIXELS);
    if (oversized) {
      const mp = megapixels(pages[0]!);
      throw new ExtractionError('too-large', `every page has more than ${limit} million pixels`, { code: 'failure.imagePixels', params: { megapixels: mp, limit } });
    }
    throw new ExtractionError('empty', `OCR found no text in the image (${failures[0]?.reason ?? 'no pages'})`, { code: 'failure.imageNoText', params: { cause: 'ocr-failed' } });
  }
  return {
    format: kind,
    blocks,
    title: null,
    pageCount: pages.length,
    notes: { ocrPages: done, ...(failures.length ? { ocrFailures: failures } : {}) },
  };
}
