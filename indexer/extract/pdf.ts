/**
 * PDF → blocks with page numbers, through pdfjs-dist (the one file that knows it).
 * Each page's text items are joined into lines (pdf-layout.ts: reading order,
 * two columns, running headers and footers) and into paragraphs by vertical
 * gaps, so a passage can always cite its page.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { LegacyConverter, legacyNotes, textQuality } from '../vietnamese/legacy.js';
import { normalizeText } from '../common/normalize.js';
import { DEFAULT_LANGUAGES, noLanguageDataReason, OcrEngine, OcrError, ocrTextToBlocks, resolveTessdata } from './ocr.js';
import { ExtractionError, type Block, type ExtractedDocument, type ExtractionNotes, type ExtractOptions, type OcrOptions } from './types.js';
import { MAX_OCR_PAGES, OCR_PAGE_TIME_LIMIT_MS } from './limits.js';
import { isStructuralHeading } from '../analyze/structure.js';
import { joinLine, pageLines, removeRunningLines, startsClause, type Line, type PlacedItem } from './pdf-layout.js';
import { pdfTextSource, popplerLines } from './pdf-poppler.js';

const require = createRequire(import.meta.url);
/** pdf.js needs its standard font metrics for PDFs that do not embed the 14 base fonts. */
const STANDARD_FONTS = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;
/**
 * pdf.js (and the canvas it pulls in) loaded at the first PDF, not with this
 * module: the indexing run's main thread and a worker reading only Word or text
 * files never pay its start-up.
 */
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** A vertical gap larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP_RATIO = 1.6;

/**
 * Read a PDF's text: with poppler's pdftotext when the options (or
 * $KHO_PDF_TEXT) ask for it and it reads the file cleanly, else with pdf.js.
 */
export async function extractPdf(data: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedDocument> {
  if (pdfTextSource(options.pdfTextSource) === 'poppler') {
    // Any trouble (no tool, an error, a page that needs OCR) and pdf.js reads the file as it always has.
    const doc = await extractWithPoppler(data, options).catch(() => null);
    if (doc) return doc;
  }
  return extractWithPdfjs(data, options);
}

/**
 * The poppler reading: the same lines, legacy conversion, running-line removal,
 * paragraphs and text-layer checks as pdf.js's. Returns null when a page needs
 * OCR (a garbage text layer, or no text and an image) or no page has text:
 * pdf.js then reads the file (OCR, mojibake, the errors), so those documents
 * are treated exactly as before.
 */
async function extractWithPoppler(data: Uint8Array, options: ExtractOptions): Promise<ExtractedDocument | null> {
  const text = await popplerLines(data, { pdftotext: options.pdftotext });
  const converter = new LegacyConverter({ pdf: true, uppercaseFonts: options.legacy?.uppercaseFonts });
  const pages = judgedPages(text.pages.map((lines) => convertLines(lines, converter)));
  if (pages.some((p) => p.ocrReason && p.ocrReason !== NO_TEXT) || pages.every((p) => p.blocks.length === 0)) return null;
  // A page without text (a last page with only its number) is a scan only if it shows an image: pdf.js looks.
  const textless = pages.filter((p) => p.ocrReason === NO_TEXT);
  if (textless.length && (await showsImages(data, textless.map((p) => p.page)))) return null;
  const title = text.title?.trim() ? normalizeText(text.title.trim()) : null;
  return { format: 'pdf', blocks: settleNumberedHeadings(pages.flatMap((p) => p.blocks)), title, pageCount: pages.length, notes: legacyNotes(converter) };
}

/** Does any of these pages show an image? (True when pdf.js cannot tell: the caller then reads the file with pdf.js.) */
async function showsImages(data: Uint8Array, pageNumbers: number[]): Promise<boolean> {
  const pdf = await openPdf(data).catch(() => null);
  if (!pdf) return true;
  try {
    for (const pageNumber of pageNumbers) if (await hasImage(await pdf.getPage(pageNumber))) return true;
    return false;
  } catch {
    return true;
  } finally {
    await pdf.destroy();
  }
}

async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  try {
    const { getDocument } = await loadPdfjs();
    return await getDocument({
      // pdf.js refuses Node Buffers and takes ownership of what it is given: pass a plain copy.
      data: new Uint8Array(data),
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      standardFontDataUrl: STANDARD_FONTS,
    }).promise;
  } catch (error) {
    throw pdfOpenError(error);
  }
}

async function extractWithPdfjs(data: Uint8Array, options: ExtractOptions): Promise<ExtractedDocument> {
  const pdf = await openPdf(data);
  try {
    // Text layers of PDFs made from TCVN3/VNI documents carry the legacy bytes: convert line by line.
    const converter = new LegacyConverter({ pdf: true, uppercaseFonts: options.legacy?.uppercaseFonts });
    const pageLineSets: Line[][] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      const placed: PlacedItem[] = [];
      for (const item of content.items) if (isTextItem(item)) placed.push(placeItem(item));
      pageLineSets.push(convertLines(pageLines(placed), converter));
      page.cleanup();
    }
    const pages = judgedPages(pageLineSets);
    // A page without text is a scan only if it shows an image; a blank page needs no OCR.
    for (const p of pages) if (p.ocrReason === NO_TEXT && !(await hasImage(await pdf.getPage(p.page)))) p.ocrReason = null;
    const notes: ExtractionNotes = legacyNotes(converter);
    if (options.ocr !== false && pages.some((p) => p.ocrReason)) await ocrPages(pdf, pages, options.ocr || {}, notes);
    // Mojibake OCR could not replace is never indexed: searching it finds nothing real, and it shows as garbage.
    const mojibake = pages.filter((p) => p.ocrReason === MOJIBAKE_REASON && !notes.ocrPages?.includes(p.page));
    for (const p of mojibake) p.blocks = [];
    if (pages.every((p) => p.blocks.length === 0)) {
      const scanned = pages.filter((p) => p.ocrReason).length;
      if (!scanned) throw new ExtractionError('empty', 'the PDF has no text', { code: 'failure.noText', params: { format: 'pdf' } });
      const why = options.ocr === false ? 'OCR is turned off' : `OCR could not read it: ${notes.ocrFailures?.[0]?.reason ?? 'no text found'}`;
      const ocrOff = options.ocr === false;
      if (mojibake.length) {
        throw new ExtractionError('empty', `unreadable text: the ${MOJIBAKE_REASON} and ${why}`, { code: 'failure.scanned', params: { cause: ocrOff ? 'mojibake-ocr-off' : 'mojibake-ocr-failed' } });
      }
      throw new ExtractionError('empty', `no text layer (a scanned document) and ${why}`, { code: 'failure.scanned', params: { cause: ocrOff ? 'ocr-off' : 'ocr-failed' } });
    }
    const info = (await pdf.getMetadata().catch(() => null))?.info as Record<string, unknown> | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? normalizeText(info.Title.trim()) : null;
    return { format: 'pdf', blocks: settleNumberedHeadings(pages.flatMap((p) => p.blocks)), title, pageCount: pdf.numPages, notes };
  } finally {
    await pdf.destroy();
  }
}

/** A page's lines with their text in Unicode (legacy encodings converted, in reading order: the converter learns as it goes). */
function convertLines(lines: Line[], converter: LegacyConverter): Line[] {
  for (const line of lines) line.text = converter.convert(line.text);
  return lines;
}

/** Running headers and footers dropped (judged across pages), lines joined into paragraphs, each page's text layer judged. */
function judgedPages(pageLineSets: Line[][]): PageText[] {
  return removeRunningLines(pageLineSets).map((lines, index) => {
    const blocks = paragraphs(lines, index + 1);
    return { page: index + 1, blocks, ocrReason: judgeTextLayer(blocks.map((b) => b.text).join('\n')) };
  });
}

interface PageText {
  page: number;
  blocks: Block[];
  /** Why this page needs OCR, or null when its text layer is good. */
  ocrReason: string | null;
}

/** Fewer letters than this on a page: treat it as having no text layer. */
const MIN_LETTERS = 40;
/**
 * Below this share of well-formed syllables, a text layer is garbage (mojibake,
 * broken OCR). Measured: the Đà Nẵng scans' OCR layers score 0.48–0.60, every good
 * page of the sample corpus and of the converted TCVN3 PDFs 0.84 or more.
 */
const MIN_VALID_SHARE = 0.75;
/** A Vietnamese text layer with almost no accents lost them (an OCR layer made with an English model). */
const MIN_ACCENTED_SHARE = 0.12;

const NO_TEXT = 'no text layer';
const MOJIBAKE_REASON = 'garbage text layer (mojibake: UTF-8 text read as Windows-1252)';
/**
 * UTF-8 lead bytes (Â Ã Ä Å Æ á â in Windows-1252) followed by a continuation
 * byte (U+00A0–U+00BF, or 0x80–0x9F as Windows-1252 shows them): "á»‹", "Ä‘",
 * "Æ°". What the legacy converter could not repair, because the PDF font lost
 * some of the bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D all come out as "•").
 */
const MOJIBAKE = /[ÂÃÄÅÆáâ][\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/gu;

/** A tenth of the words or more carry a mojibake pair (never seen in real Vietnamese). */
export function isMojibake(text: string, words: number): boolean {
  const pairs = (text.match(MOJIBAKE) ?? []).length;
  return pairs >= 3 && pairs >= words * 0.1;
}

/**
 * Is this page's text layer usable? Returns the reason to OCR the page, or null.
 * Judged on the text after legacy conversion, so a TCVN3 layer that converts
 * cleanly is kept.
 */
export function judgeTextLayer(text: string): string | null {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters < MIN_LETTERS) return NO_TEXT;
  const quality = textQuality(text);
  if (quality.junkShare > 0.05) return 'garbage text layer (unmapped glyphs)';
  if (isMojibake(text, quality.words)) return MOJIBAKE_REASON;
  // An English (or other Latin-script) page is not judged by Vietnamese syllables.
  if (quality.englishShare >= 0.08) return null;
  if (quality.words >= 15 && quality.validShare < MIN_VALID_SHARE) {
    return `garbage text layer (${Math.round((1 - quality.validShare) * 100)}% of words are not Vietnamese syllables)`;
  }
  if (quality.words >= 30 && quality.accentedShare < MIN_ACCENTED_SHARE && quality.validShare < 0.9) {
    return 'text layer without Vietnamese accents';
  }
  return null;
}

/**
 * Render the pages that need it and OCR them one by one, each within its time
 * limit. A page whose OCR fails keeps its text layer (if any) and is recorded
 * with the reason; nothing here throws for one bad page.
 */
async function ocrPages(pdf: PDFDocumentProxy, pages: PageText[], options: OcrOptions, notes: ExtractionNotes): Promise<void> {
  const todo = pages.filter((p) => p.ocrReason);
  const failures: Array<{ page: number; reason: string }> = [];
  const done: number[] = [];
  const languages = options.languages ?? DEFAULT_LANGUAGES;
  const tessdata = resolveTessdata(options.tessdata, languages);
  const report = (page: number, failure?: string) =>
    options.onProgress?.({ page, pagesToOcr: todo.length, done: done.length + failures.length, failure });
  if (!tessdata) {
    const reason = noLanguageDataReason(options.tessdata, languages);
    for (const p of todo) {
      failures.push({ page: p.page, reason });
      report(p.page, reason);
    }
    notes.ocrFailures = failures;
    return;
  }
  const engine = new OcrEngine(tessdata, languages);
  const maxPages = options.maxPages ?? MAX_OCR_PAGES;
  report(todo[0]!.page); // the total is known before the first page is read
  try {
    for (const [index, p] of todo.entries()) {
      if (index >= maxPages) {
        const reason = `not OCR'd: the document has more than ${maxPages} pages to OCR (raise the OCR page limit)`;
        failures.push({ page: p.page, reason });
        report(p.page, reason);
        continue;
      }
      try {
        const image = await renderPage(pdf, p.page, options.scale ?? DEFAULT_RENDER_SCALE);
        const result = await engine.recognize(image, options.pageTimeoutMs ?? OCR_PAGE_TIME_LIMIT_MS);
        const blocks = ocrTextToBlocks(result.text, p.page);
        if (blocks.length === 0) throw new OcrError('OCR found no text on this page');
        if (result.confidence < MIN_OCR_CONFIDENCE) throw new OcrError(`OCR found no legible text on this page (confidence ${Math.round(result.confidence)}%)`);
        // Mojibake drawn with the wrong glyphs reads back as the same mojibake.
        if (p.ocrReason === MOJIBAKE_REASON && judgeTextLayer(result.text) !== null) throw new OcrError('OCR read the same garbage the text layer holds (the page shows it)');
        p.blocks = blocks;
        done.push(p.page);
        report(p.page);
      } catch (error) {
        const reason = error instanceof OcrError ? error.message : `the page could not be rendered for OCR (${(error as Error).message ?? error})`;
        failures.push({ page: p.page, reason });
        report(p.page, reason);
      }
    }
  } finally {
    await engine.terminate();
  }
  if (done.length) notes.ocrPages = done;
  if (failures.length) notes.ocrFailures = failures;
}

let imageOps: Set<number> | null = null;

async function hasImage(page: PDFPageProxy): Promise<boolean> {
  try {
    const { OPS } = await loadPdfjs();
    imageOps ??= new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.paintImageMaskXObjectRepeat]);
    const list = await page.getOperatorList();
    return list.fnArray.some((op) => imageOps!.has(op));
  } catch {
    return true; // cannot tell: let OCR decide
  }
}

/** Below this mean word confidence (0–100) Tesseract is reading noise, not print. Real scans here: 86–92. */
const MIN_OCR_CONFIDENCE = 50;

/** 300 dpi: what Tesseract is tuned for. */
const DEFAULT_RENDER_SCALE = 300 / 72;
/** Never render a page larger than this many pixels on its long side (posters, A0 plans). */
const MAX_RENDER_SIDE = 5000;

export async function renderPage(pdf: PDFDocumentProxy, pageNumber: number, scale: number): Promise<Buffer> {
  // @napi-rs/canvas is pdf.js's own (optional) Node canvas: prebuilt for Windows, macOS and Linux.
  const { createCanvas } = await import('@napi-rs/canvas');
  const page = await pdf.getPage(pageNumber);
  try {
    const base = page.getViewport({ scale: 1 });
    const fitted = Math.min(scale, MAX_RENDER_SIDE / Math.max(base.width, base.height));
    const viewport = page.getViewport({ scale: fitted });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport } as unknown as Parameters<typeof page.render>[0]).promise;
    return canvas.toBuffer('image/png');
  } finally {
    page.cleanup();
  }
}

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem).str === 'string';
}

function pdfOpenError(error: unknown): ExtractionError {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException') return new ExtractionError('encrypted', 'the PDF is password-protected', { code: 'failure.encrypted', params: { format: 'pdf' } });
  if (name === 'InvalidPDFException') return new ExtractionError('corrupt', `the PDF is damaged or cut short (${message})`, { code: 'failure.corrupt', params: { format: 'pdf' } });
  return new ExtractionError('corrupt', `the PDF could not be opened (${message})`, { code: 'failure.corrupt', params: { format: 'pdf' } });
}

/** pdf.js's text item → plain geometry (baseline origin, width, font height). */
function placeItem(item: TextItem): PlacedItem {
  return {
    str: item.str,
    x: item.transform[4] as number,
    y: item.transform[5] as number,
    width: item.width,
    height: Math.abs(item.height || (item.transform[3] as number) || 10),
    hasEOL: item.hasEOL,
  };
}

/**
 * A report's numbered heading standing on its own line ("2.3.1. Nút cảm biến"):
 * short, starting with a capital, not ending like a sentence or a list item.
 */
const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2})*)\.\s+\p{Lu}/u;
const MAX_HEADING_WORDS = 14;

function numberedHeadingLevel(text: string): number | null {
  const m = NUMBERED_HEADING.exec(text);
  if (!m || /[.;:,]$/.test(text) || text.split(/\s+/).length > MAX_HEADING_WORDS) return null;
  return m[1]!.split('.').length + 1;
}

/**
 * Join lines into paragraphs, breaking on wide vertical gaps, on structural
 * headings, on numbered report headings and where a khoản or điểm starts
 * after a finished sentence.
 */
function paragraphs(pageLines: Line[], page: number): Block[] {
  const blocks: Block[] = [];
  let buffer = '';
  let previous: Line | null = null;
  const flush = (level: number | null = null) => {
    const text = normalizeText(buffer.replace(/\s+/g, ' ').trim());
    if (text) blocks.push(level ? { text, page, kind: 'heading', level } : { text, page, kind: 'paragraph' });
    buffer = '';
  };
  for (const line of pageLines) {
    const gap = previous ? previous.y - line.y : 0;
    const wideGap = previous !== null && (gap > previous.height * PARAGRAPH_GAP_RATIO || gap < 0);
    const heading = isStructuralHeading(line.text);
    // Only after a finished sentence: a wrapped line may start with "2. Something" mid-paragraph.
    const numbered = !heading && (previous === null || wideGap || /[.;:!?]$/.test(previous.text)) ? numberedHeadingLevel(line.text) : null;
    if (wideGap || heading || numbered || (previous !== null && startsClause(previous.text, line.text))) flush();
    buffer = joinLine(buffer, line.text);
    if (heading) flush();
    if (numbered) flush(numbered);
    previous = line;
  }
  flush();
  return blocks;
}

/**
 * In a legal text numbered lines are khoản, not headings: once the document
 * has articles (Điều), its numbered "headings" go back to being paragraphs.
 */
function settleNumberedHeadings(blocks: Block[]): Block[] {
  if (!blocks.some((b) => /^(?:Điều|ĐIỀU)\s+\d/u.test(b.text) && isStructuralHeading(b.text))) return blocks;
  return blocks.map((b) => (b.kind === 'heading' ? { text: b.text, page: b.page, kind: 'paragraph' } : b));
}
