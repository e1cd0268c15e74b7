/**
 * What reading a document's references gives: each reference with its target as
 * the text names it and the sentence that states it, and the document's own
 * effective-date clause. The relation types themselves are the API's (api/documents.ts).
 */
import type { Evidence, ReferenceType } from '../../api/documents.js';

export type { ReferenceType };

export const REFERENCE_TYPES: readonly ReferenceType[] = ['basis', 'replaces', 'repeals', 'amends', 'implements', 'mentions'];

/** The document a reference points at, as the citing text names it. */
export interface ReferenceTarget {
  /** Canonical type slug (`nghi-dinh`, `quyet-dinh`, `luat`, `ket-luan`, …), as `normalizeDocType` gives, or null. */
  kind: string | null;
  /** Number and symbol as printed, spaces around "/" and "-" removed: "110/2004/NĐ-CP", "29-NQ/TW", "08 TC/TCT". */
  number: string | null;
  /** ISO date of the target, when the text gives it. */
  date: string | null;
  /** Issuing body as the text names it: "Chính phủ", "Bộ trưởng Bộ Tài chính"; "Quốc hội" for laws. */
  issuer: string | null;
  /** Laws and ordinances: the name ("Luật Khoa học và Công nghệ"). Others: the description that follows ("về công tác văn thư"), or null. */
  title: string | null;
}

/** The sentence that states a reference (for long sentences, the part around it), where it is. */
export interface ReferenceEvidence extends Evidence {
  /** Section path at that point ("Chương VI › Điều 37"), as citations use. */
  section: string | null;
  /** Index into the blocks given to `findReferences`. */
  blockIndex: number;
}

export interface Reference {
  type: ReferenceType;
  target: ReferenceTarget;
  evidence: ReferenceEvidence;
}

/** The document's own effective-date clause. */
export interface EffectiveDate {
  /** `on-signing`: from the date of signing/issue; `date`: from a stated (or computed) date. */
  value: 'on-signing' | 'date';
  /** ISO date it takes effect: the issue date for on-signing (when known), the stated date, or issue/publication + N days when computable; else null. */
  date: string | null;
  /** "sau 15 ngày kể từ ngày đăng Công báo": the delay and what it counts from. */
  afterDays?: number;
  from?: 'signing' | 'publication' | 'passing' | null;
  evidence: ReferenceEvidence;
}
