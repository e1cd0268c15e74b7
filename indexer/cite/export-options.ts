/**
 * What both basket exports (Markdown and DOCX) share: their options and the
 * citation form each item prints with.
 */
import type { BasketItem, CitationStyle } from '../api/contract.js';

export interface ExportOptions {
  /** Heading of the export. Default "Trích dẫn tài liệu". */
  title?: string;
  /** Citation form to print. Default: the `citation` stored with each item. */
  style?: CitationStyle;
  /** Date printed under the heading (DOCX) — default today; null to leave it out. */
  date?: Date | null;
}

export const DEFAULT_TITLE = 'Trích dẫn tài liệu';

export function pickCitation(item: BasketItem, style?: CitationStyle): string {
  if (!style || !item.citations) return item.citation;
  return item.citations[style] ?? item.citation;
}
