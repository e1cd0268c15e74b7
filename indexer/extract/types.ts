/**
 * What every extractor produces: the document as ordered blocks, each with the
 * page it sits on, so page numbers survive all the way to the citation.
 */
import type { DocumentFormat, FailureKind } from '../api.js';

export interface Block {
  /** Unicode NFC text of a paragraph, heading, list item or table row. */
  text: string;
  /** 1-based page, or null for formats without pages (DOCX, TXT, MD, HTML). */
  page: number | null;
  kind: 'heading' | 'paragraph';
  /** Heading level (1 = top) when the format marks it; structural lines are detected later. */
  level?: number;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  blocks: Block[];
  /** Title from the format's own properties or markup, when it has one. */
  title: string | null;
  pageCount: number | null;
}

/** A failure with a kind the user can act on; the message names the reason. */
export class ExtractionError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractionError';
  }
}
