/**
 * PDF → blocks with page numbers, through pdfjs-dist (the one file that knows it).
 * Each page's text items are joined into lines by their baseline and into
 * paragraphs by vertical gaps, so a passage can always cite its page.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { normalizeText } from '../vietnamese/normalize.js';
import { ExtractionError, type Block, type ExtractedDocument } from './types.js';
import { isStructuralHeading } from './structure.js';

const require = createRequire(import.meta.url);
/** pdf.js needs its standard font metrics for PDFs that do not embed the 14 base fonts. */
const STANDARD_FONTS = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

/** A vertical gap larger than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP_RATIO = 1.6;

interface Line {
  text: string;
  y: number;
  height: number;
}

export async function extractPdf(data: Uint8Array): Promise<ExtractedDocument> {
  let pdf: PDFDocumentProxy;
  try {
    pdf = await getDocument({
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
  try {
    const blocks: Block[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
      const page = await pdf.getPage(pageNumber);
      const content = await page.getTextContent();
      blocks.push(...paragraphs(lines(content.items.filter(isTextItem)), pageNumber));
      page.cleanup();
    }
    const info = (await pdf.getMetadata().catch(() => null))?.info as Record<string, unknown> | undefined;
    const title = typeof info?.Title === 'string' && info.Title.trim() ? normalizeText(info.Title.trim()) : null;
    return { format: 'pdf', blocks, title, pageCount: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}

function isTextItem(item: unknown): item is TextItem {
  return typeof (item as TextItem).str === 'string';
}

function pdfOpenError(error: unknown): ExtractionError {
  const name = (error as { name?: string })?.name ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (name === 'PasswordException') return new ExtractionError('encrypted', 'the PDF is password-protected');
  if (name === 'InvalidPDFException') return new ExtractionError('corrupt', `not a readable PDF (${message})`);
  return new ExtractionError('corrupt', `the PDF could not be opened (${message})`);
}

/** Group text items into lines: a new line on an end-of-line mark or a baseline jump. */
function lines(items: TextItem[]): Line[] {
  const result: Line[] = [];
  let current: Line | null = null;
  let endOfLine = false;
  for (const item of items) {
    const y = item.transform[5] as number;
    const height = Math.abs(item.height || (item.transform[3] as number) || 10);
    if (item.str === '' && !item.hasEOL) continue;
    const newLine = !current || endOfLine || Math.abs(y - current.y) > height * 0.5;
    if (newLine && item.str !== '') {
      current = { text: item.str, y, height };
      result.push(current);
    } else if (current) {
      current.text += item.str;
    }
    endOfLine = item.hasEOL;
  }
  return result.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text);
}

/** Join lines into paragraphs, breaking on wide vertical gaps and on structural headings. */
function paragraphs(pageLines: Line[], page: number): Block[] {
  const blocks: Block[] = [];
  let buffer: string[] = [];
  let previous: Line | null = null;
  const flush = () => {
    const text = normalizeText(buffer.join(' ').replace(/\s+/g, ' ').trim());
    if (text) blocks.push({ text, page, kind: 'paragraph' });
    buffer = [];
  };
  for (const line of pageLines) {
    const gap = previous ? previous.y - line.y : 0;
    const wideGap = previous !== null && (gap > previous.height * PARAGRAPH_GAP_RATIO || gap < 0);
    if (wideGap || isStructuralHeading(line.text)) flush();
    buffer.push(line.text);
    if (isStructuralHeading(line.text)) flush();
    previous = line;
  }
  flush();
  return blocks;
}
