/**
 * Folding: the accent-, case- and separator-free forms that matching compares,
 * so that what a user types ("quyet-dinh", "QUYẾT ĐỊNH", "quyết định") meets what
 * a document prints. One copy for the indexer and the renderer (pure code, no
 * Node imports); normalize.ts holds the character-level rules it builds on.
 */
import { foldAccents, normalizeText } from './normalize.js';

/** Accent- and case-free text, spacing kept: "Quyết Định số 12" → "quyet dinh so 12". */
export function foldText(text: string): string {
  return foldAccents(normalizeText(text)).toLowerCase();
}

/**
 * A query filter or facet value as the parser keeps it and every comparison folds it:
 * accents and case dropped, dashes and underscores read as spaces ("quyết-định",
 * "Quyết_Định", " quyet  dinh " → "quyet dinh"). Officers type slugs, names and
 * abbreviations interchangeably; folding both sides makes them meet.
 */
export function foldValue(value: string): string {
  return foldText(value).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Word key of a text: folded, every run of punctuation a single space — "Luật Khoa học
 * và Công nghệ", "luat khoa-hoc va cong nghe." → "luat khoa hoc va cong nghe". Titles
 * compare on it (a reference's title against a document's summary, labels against predictions).
 */
export function textKey(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Key with nothing but letters and digits: "Quyết định" / "quyet-dinh" / "QUYẾT_ĐỊNH" → "quyetdinh". */
export function compactKey(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '');
}
