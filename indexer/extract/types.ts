/**
 * What every extractor produces: the document as ordered blocks, each with the
 * page it sits on, so page numbers survive all the way to the citation.
 */
import type { Message } from '../api/messages.js';
import type { DocumentFormat, DocumentNotes, FailureKind } from '../api/contract.js';

export interface Block {
  /** Unicode NFC text of a paragraph, heading, list item or table row. */
  text: string;
  /** 1-based page, or null for formats without pages (DOCX, TXT, MD, HTML). */
  page: number | null;
  kind: 'heading' | 'paragraph';
  /** Heading level (1 = top) when the format marks it; structural lines are detected later. */
  level?: number;
  /** True when the text was recognised from a page image (OCR), not read from the file. */
  ocr?: boolean;
}

/** OCR of scanned pages and of pages whose text layer is garbage. */
export interface OcrOptions {
  /** Folder holding `vie.traineddata` (and `eng.traineddata`). Default: $KHO_TESSDATA, else the Debian path when it exists. */
  tessdata?: string;
  /** Languages, "+"-joined. Default "vie". */
  languages?: string;
  /** Give up on one page after this many milliseconds. Default OCR_PAGE_TIME_LIMIT_MS (limits.ts). */
  pageTimeoutMs?: number;
  /** OCR at most this many pages of one document (the rest are listed as not OCR'd). Default MAX_OCR_PAGES (limits.ts). */
  maxPages?: number;
  /** Render scale for PDF pages (1 = 72 dpi). Default 300 dpi / 72. */
  scale?: number;
  /** Called as OCR proceeds, page by page. */
  onProgress?: (progress: OcrProgress) => void;
}

export interface OcrProgress {
  /** 1-based page being (or just) recognised. */
  page: number;
  /** Pages that need OCR in this document. */
  pagesToOcr: number;
  /** Pages finished so far (recognised or failed). */
  done: number;
  /** Set when a page could not be recognised: the named reason. */
  failure?: string;
}

export interface ExtractOptions {
  /** Legacy Vietnamese encodings (TCVN3, VNI, Windows-1258). */
  legacy?: {
    /** Draw `.VnTimeH`-style runs in capitals as the font shows them (default false: case as typed). */
    uppercaseFonts?: boolean;
  };
  /** OCR settings, or false to never OCR (pages without text are then left empty). */
  ocr?: OcrOptions | false;
  /**
   * Where PDF text comes from: 'pdfjs' (default; in-process, works everywhere) or
   * 'poppler' (poppler's pdftotext when installed: faster; pdf.js whenever it is
   * missing or fails). Default: $KHO_PDF_TEXT, else 'pdfjs'. See pdf-poppler.ts.
   */
  pdfTextSource?: 'pdfjs' | 'poppler';
  /** The pdftotext executable for pdfTextSource 'poppler' (default $KHO_PDFTOTEXT, else /usr/bin/pdftotext, else PATH). */
  pdftotext?: string;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  blocks: Block[];
  /** Title from the format's own properties or markup, when it has one. */
  title: string | null;
  pageCount: number | null;
  /** What was done to the text beyond reading it, for the UI and the catalogue. */
  notes?: ExtractionNotes;
}

/** What was done to the text beyond reading it; stored with the document and shown as its badges (see api/documents.ts). */
export type ExtractionNotes = DocumentNotes;

/**
 * A failure with a kind the user can act on. `message` names the reason in English
 * detail (for logs); `coded` is what the user reads, in their language (`failure.*`;
 * by default the kind alone).
 */
export class ExtractionError extends Error {
  readonly coded: Message;

  constructor(
    readonly kind: FailureKind,
    message: string,
    coded?: Message,
  ) {
    super(message);
    this.name = 'ExtractionError';
    this.coded = coded ?? { code: 'failure.kind', params: { kind } };
  }
}
