/**
 * PDF text through poppler's `pdftotext -raw -bbox` (Debian: poppler-utils),
 * the one file that knows that tool. It is a faster text source than pdf.js
 * when installed: its words, with their boxes, in content-stream order, are
 * placed as pdf.js's text items are and go through the same line building
 * (pdf-layout.ts), legacy
 * conversion, running-line removal and text-layer checks in pdf.ts.
 * (-bbox-layout's blocks and flows cost poppler half again as long, and its
 * reading order is not pdf.js's: ours is built from the words.) pdf.js
 * stays the default and the fallback: anything unexpected here (no tool, an
 * error, a timeout, too much output, output we cannot read) is a
 * PopplerError, and pdf.ts reads the file with pdf.js instead.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PDFTOTEXT_OUTPUT_LIMIT_BYTES, PDFTOTEXT_TIME_LIMIT_MS } from './limits.js';
import { pageLines, type Line, type PlacedItem } from './pdf-layout.js';
import { decodeXmlText } from '../common/xml-text.js';

/** Where Debian (and most Linux distributions) install pdftotext. */
export const DEFAULT_PDFTOTEXT = '/usr/bin/pdftotext';

/** Where PDF text comes from. */
export type PdfTextSource =
  /** pdf.js, in-process (default: works everywhere, no extra tool). */
  | 'pdfjs'
  /** poppler's pdftotext when it is installed (about 1.6× less CPU per page than pdf.js on the bench's PDFs), pdf.js otherwise and whenever it fails. */
  | 'poppler';

/** The source chosen by options, else by $KHO_PDF_TEXT ("poppler" or "pdfjs"), else pdf.js. */
export function pdfTextSource(option: PdfTextSource | undefined): PdfTextSource {
  const chosen = option ?? process.env.KHO_PDF_TEXT;
  return chosen === 'poppler' ? 'poppler' : 'pdfjs';
}

/** The pdftotext to run: the option, else $KHO_PDFTOTEXT, else the Debian path, else "pdftotext" on PATH. */
export function pdftotextPath(option?: string): string {
  return option ?? process.env.KHO_PDFTOTEXT ?? (debianPdftotext ??= existsSync(DEFAULT_PDFTOTEXT) ? DEFAULT_PDFTOTEXT : 'pdftotext');
}

/** Looked up on the first PDF, not on every one. */
let debianPdftotext: string | undefined;

export interface PopplerOptions {
  /** The pdftotext executable (default pdftotextPath()). */
  pdftotext?: string;
  /** Stop pdftotext after this long (default PDFTOTEXT_TIME_LIMIT_MS). */
  timeoutMs?: number;
  /** Stop pdftotext when it writes more than this (default PDFTOTEXT_OUTPUT_LIMIT_BYTES). */
  maxOutputBytes?: number;
}

/**
 * pdftotext could not give us this file's text; the message says why. pdf.ts
 * falls back to pdf.js, whose reading makes the errors a user sees (which name the file).
 */
export class PopplerError extends Error {
  override readonly name = 'PopplerError';
}

export interface PopplerText {
  /** Each page's lines in reading order (before legacy conversion), as pageLines() builds them. */
  pages: Line[][];
  /** The document information dictionary's Title, as poppler decodes it, or null. */
  title: string | null;
}

/** Read a PDF's lines with pdftotext. Throws PopplerError; never an ExtractionError (the pdf.js reading decides those). */
export async function popplerLines(data: Uint8Array, options: PopplerOptions = {}): Promise<PopplerText> {
  const xhtml = await runPdftotext(data, options);
  return parseBbox(xhtml);
}

/** pdftotext's -raw -bbox XHTML for the bytes (given on stdin, so the tool reads exactly what was hashed). */
function runPdftotext(data: Uint8Array, options: PopplerOptions): Promise<string> {
  const tool = pdftotextPath(options.pdftotext);
  const timeoutMs = options.timeoutMs ?? PDFTOTEXT_TIME_LIMIT_MS;
  const maxBytes = options.maxOutputBytes ?? PDFTOTEXT_OUTPUT_LIMIT_BYTES;
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new PopplerError(`pdftotext could not read the PDF: ${why}`));
    let child: ReturnType<typeof spawn>;
    try {
      // -q: poppler's warnings are not our errors; a real failure shows in the exit code.
      child = spawn(tool, ['-q', '-raw', '-bbox', '-enc', 'UTF-8', '-', '-'], { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch (error) {
      fail(`${tool} did not start (${(error as Error).message})`);
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let settled = false;
    const finish = (why: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (why === null) resolve(Buffer.concat(chunks).toString('utf8'));
      else {
        child.kill('SIGKILL');
        fail(why);
      }
    };
    const timer = setTimeout(() => finish(`no answer within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    child.on('error', (error) => finish(`${tool} did not start (${error.message})`));
    child.stdout!.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) finish(`more output than the ${maxBytes.toLocaleString('en')}-byte limit`);
      else chunks.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString('utf8');
    });
    child.on('close', (code, signal) => {
      if (code === 0) finish(null);
      else finish(`exit ${code ?? signal}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`);
    });
    // A tool that exits early (bad input) closes its stdin: that is its exit code's business, not an error here.
    child.stdin!.on('error', () => {});
    child.stdin!.end(data);
  });
}

/**
 * Poppler's word box runs from the font's ascent to its descent; pdf.js gives
 * the baseline and the font size. Measured against pdf.js on the corpus and
 * the TCVN3 PDFs, the box is 0.9–1.16 font sizes high and its bottom 0.22–0.24
 * font sizes below the baseline.
 */
const BOX_PER_FONT_SIZE = 1.1;
const DESCENT_PER_FONT_SIZE = 0.23;

/** A gap between two words narrower than this share of the font size is a break inside a word ("t−íng" in TCVN3 PDFs). */
const WORD_GAP = 0.15;

/**
 * Words of one font size on one baseline closer than this (points) are one
 * item. Below the narrowest column gutter pdf-layout.ts accepts, so columns are
 * found as before.
 */
const MERGE_GAP = 9;

const TOKEN = /<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>|<page width="[-\d.]+" height="([-\d.]+)">|<\/page>/g;

/**
 * pdftotext -raw -bbox XHTML (words with boxes, in content-stream order as
 * pdf.js reads them) → lines per page, through the same line building as
 * pdf.js's text items.
 */
export function parseBbox(xhtml: string): PopplerText {
  const body = xhtml.indexOf('<doc>');
  if (body < 0) throw new PopplerError(`pdftotext could not read the PDF: no <doc> in its output`);
  const titleMatch = /<title>([^<]*)<\/title>/.exec(xhtml.slice(0, body));
  const title = titleMatch ? decodeXmlText(titleMatch[1]!) : null;
  const pages: Line[][] = [];
  let items: PlacedItem[] | null = null;
  let pageHeight = 0;
  let previous: PlacedItem | null = null;
  TOKEN.lastIndex = body;
  for (let m = TOKEN.exec(xhtml); m; m = TOKEN.exec(xhtml)) {
    if (m[6] !== undefined) {
      items = [];
      pageHeight = Number(m[6]);
      previous = null;
    } else if (m[5] === undefined) {
      if (!items) throw new PopplerError(`pdftotext could not read the PDF: unbalanced <page> in its output`);
      pages.push(pageLines(items));
      items = null;
    } else if (items) {
      const xMin = Number(m[1]);
      const xMax = Number(m[3]);
      const yMax = Number(m[4]);
      const height = Math.abs(yMax - Number(m[2])) / BOX_PER_FONT_SIZE || 10;
      const y = pageHeight - yMax + height * DESCENT_PER_FONT_SIZE;
      const str = decodeXmlText(m[5]);
      // pdf.js hands over the spaces between words as text; poppler gives boxes: a gap on the same line is a space.
      const sameLine = previous !== null && Math.abs(previous.y - y) <= Math.max(previous.height, height) * 0.5;
      const gap = sameLine ? xMin - (previous!.x + previous!.width) : Infinity;
      const spaced = sameLine && gap > height * WORD_GAP;
      if (sameLine && gap >= 0 && gap < MERGE_GAP && height === previous!.height) {
        // The next word of a run: one item, as pdf.js gives a run (fewer items for the line building).
        previous!.str += spaced ? ` ${str}` : str;
        previous!.width = xMax - previous!.x;
        continue;
      }
      const item: PlacedItem = { str: spaced ? ` ${str}` : str, x: xMin, y, width: xMax - xMin, height, hasEOL: false };
      items.push(item);
      previous = item;
    }
  }
  if (items) throw new PopplerError(`pdftotext could not read the PDF: its output ends inside a page`);
  if (pages.length === 0) throw new PopplerError(`pdftotext could not read the PDF: no pages in its output`);
  return { pages, title };
}
