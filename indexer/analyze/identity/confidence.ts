/**
 * How sure a document's identity is, field by field (issue 16): a citation goes
 * into an official report, so a number, date or issuer that may be wrong is
 * marked (`DocumentMetadata.unsure`) and citations leave it out.
 *
 * Tesseract gives no per-word confidence in the blocks the extractors hand on,
 * so OCR'd values are judged by plausibility: a number in the grammar officers
 * write ("1906/SGDĐT-CTrTT", "01/2006/TT-NHNN"), not "4/35/…" (a handwritten
 * number read as print); a day of month that exists; words made of Vietnamese
 * letters and syllables (not "TPĐÀNÄNG"). Dates printed beside a reference to
 * another document ("Thực hiện Thông báo số 496-TB/TU ngày 17/8/2023") are not
 * the document's own: `ownDate` skips them when it reads the date line.
 */
import type { DocumentMetadata, MetadataField, MetadataSource, UnsureReason } from '../../api/documents.js';
import { DOC_TYPES } from '../../common/doc-types.js';
import { findDate, type DateFound } from './header.js';
import { isSyllable } from './text.js';
import type { TextLayer } from './text-layer.js';

/** Fields read from the header (ô 1–5) and the signature (ô 7). */
const SIGNATURE_FIELDS: ReadonlySet<MetadataField> = new Set(['signer', 'signerPosition']);

// ---------------------------------------------------------------------------
// The document's own date, not a cited one
// ---------------------------------------------------------------------------

const TYPE_WORDS = DOC_TYPES.map((t) => t.name).concat('Kết luận', 'Văn bản');
/**
 * Just before a cited document's date: its type and number ("Thông báo số 496-TB/TU",
 * "Quyết định 12/QĐ-UB"), or the words that introduce a reference.
 */
const CITED_BEFORE = new RegExp(
  `(?:${TYPE_WORDS.join('|')})\\s+(?:liên tịch\\s+)?(?:số\\s*:?\\s*)?\\d|(?:^|\\s)(?:Căn cứ|căn cứ|Thực hiện|thực hiện|Triển khai|triển khai|theo|tại)\\s`,
  'iu',
);
/** "Đà Nẵng, " right before "ngày": the date line of ô 4. */
const PLACE_COMMA = /\p{Lu}[\p{L}.]*(?:\s+[\p{L}.]+){0,5}\s*,\s*$/u;

export interface OwnDate extends DateFound {
  /** True when nothing shows it is the document's own date line (no place before it, a reference near it). */
  doubtful: boolean;
}

/**
 * The first date in `text` that is the document's own: a "Place, ngày …" date
 * line wins; a date right after a reference to another document is skipped.
 * Null when every date found is a cited one.
 */
export function ownDate(text: string): OwnDate | null {
  const re = /ngày\s*\d{1,2}\s*tháng|ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}/giu;
  let doubtful: OwnDate | null = null;
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index);
    const found = findDate(text.slice(m.index!));
    if (!found) continue;
    const lineStart = Math.max(before.lastIndexOf('|'), before.lastIndexOf('\n'));
    const clause = before.slice(Math.max(lineStart + 1, before.length - 90));
    if (PLACE_COMMA.test(clause)) {
      const withPlace = findDate(text.slice(Math.max(0, m.index! - 120)));
      if (withPlace && withPlace.date === found.date) return { ...withPlace, doubtful: false };
      return { ...found, doubtful: false };
    }
    // Text since the last sentence end: a reference there owns the date.
    const sentence = clause.split(/[.;:](?=\s+\p{Lu})/u).pop() ?? clause;
    // "(Ban hành kèm theo Quyết định số 05/2006/QĐ-UBND ngày …)": an attached regulation or appendix is dated by its decision.
    if (/kèm theo/iu.test(sentence)) return { ...found, doubtful: false };
    if (CITED_BEFORE.test(sentence)) continue;
    // Alone on its line (or after the number line "Số: …") it reads as a date line; inside a sentence, it may be anyone's.
    doubtful ??= { ...found, doubtful: sentence.trim().length > 0 && !/^(?:Số|SỐ)\s*:?\s*\S+\s*$/u.test(sentence.trim()) };
  }
  return doubtful;
}

// ---------------------------------------------------------------------------
// Plausibility of OCR'd values
// ---------------------------------------------------------------------------

/** Letters of the Vietnamese alphabet (with their tone and vowel marks). */
function vietnameseLetters(word: string): boolean {
  const bare = word.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031B]/gu, '').normalize('NFC');
  return /^[a-zA-ZđĐ]*$/u.test(bare.replace(/[^\p{L}]/gu, ''));
}

/** An acronym of an issuing body: "UBND", "SGDĐT", "TP.", "GD&ĐT". */
const ACRONYM = /^[A-ZĐ&]{2,8}\.?$|^TP\.?$/u;

/** True when every word reads as Vietnamese (syllables, acronyms, numbers), as printed headers do. */
export function plausibleWords(text: string): boolean {
  const words = text.split(/[\s,()–-]+/u).filter(Boolean);
  if (words.length === 0) return false;
  if (/[_#@$%^*~<>{}[\]\\|“”"]/u.test(text)) return false;
  return words.every((w) => /^\d+$/.test(w) || ACRONYM.test(w) || (vietnameseLetters(w) && isSyllable(w.replace(/[.:;]$/u, ''))));
}

/**
 * A document number as officers write it: 1–5 digits, an optional four-digit
 * year that is not after the document's date, then the symbol. "4/35/SGDĐT-…"
 * (two short numbers) is a handwritten number misread.
 */
export function plausibleNumber(number: string, dateYear: number | null): boolean {
  const m = /^(\d{1,5})(?:[/.](\d{4}))?[/.-]([\p{Lu}Đ][\p{L}Đđ.&/-]*)$/u.exec(number.replace(/\s+/g, ''));
  if (!m) return false;
  if (m[2]) {
    const year = Number(m[2]);
    if (year < 1945 || (dateYear !== null && year > dateYear)) return false;
  }
  return vietnameseLetters(m[3]!);
}

/** Share of a summary's words that must read as Vietnamese when it was recognised from a scan. */
const PLAUSIBLE_SUMMARY_SHARE = 0.9;

/** True when nearly every word of an OCR'd summary reads as Vietnamese (a speck or two may remain). */
function plausibleSummary(text: string): boolean {
  const words = text.split(/[\s,()–]+/u).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return false;
  const ok = words.filter((w) => plausibleWords(w.replace(/^[-"“(]+|[-"”).:;]+$/gu, '') || w) || /\d/u.test(w)).length;
  return ok / words.length >= PLAUSIBLE_SUMMARY_SHARE;
}

/**
 * An issuer read from OCR is a body's name: several words, or one of the acronyms
 * offices print alone. A lone short capital run ("JCH") is a speck of the seal or
 * the header read as letters.
 */
const LONE_ISSUER = /^(?:UBND|HĐND|BCH|BQL|BCĐ|MTTQ|TAND|VKSND|CÔNG AN|QUỐC HỘI|CHÍNH PHỦ)$/u;
function plausibleIssuer(text: string): boolean {
  return plausibleWords(text) && (text.trim().split(/\s+/u).length >= 2 || LONE_ISSUER.test(text.trim()));
}

/** Fields holding words as printed: a text layer without its marks does not give them. */
const WORD_FIELDS: readonly MetadataField[] = ['number', 'issuer', 'issuerParent', 'issuerName', 'place', 'summary', 'signer', 'signerPosition', 'title', 'author', 'unit', 'partOf'];

/** A person's name: two to six capitalised syllables. */
function plausibleName(name: string): boolean {
  const words = name.split(/\s+/);
  return words.length >= 2 && words.length <= 6 && words.every((w) => /^\p{Lu}/u.test(w) && vietnameseLetters(w) && isSyllable(w));
}

// ---------------------------------------------------------------------------
// Marking
// ---------------------------------------------------------------------------

export interface ConfidenceInput {
  /** The header (ô 1–5) was read from OCR'd blocks. */
  ocrHeader: boolean;
  /** The signature block was read from OCR'd blocks. */
  ocrSignature: boolean;
  /** The own date was found without a date line to show it is the document's. */
  doubtfulDate: boolean;
  /** The document's text, to check what the file name claims. */
  fullText: string;
  /** The first blocks (header, title, date line), where a document states its own year. */
  headText?: string;
  /** How the text layer reads (text-layer.ts); a scanner's layer counts as OCR (`ocrHeader`, `ocrSignature`). */
  layer?: TextLayer;
}

/**
 * Turns `text` sources into `ocr` where the blocks were recognised from images
 * and fills `meta.unsure` with the fields a citation must not state.
 */
export function markConfidence(meta: DocumentMetadata, input: ConfidenceInput): void {
  const unsure: Partial<Record<MetadataField, UnsureReason>> = {};
  const sources = meta.sources as Partial<Record<MetadataField, MetadataSource>>;
  for (const field of Object.keys(sources) as MetadataField[]) {
    if (sources[field] !== 'text') continue;
    if (SIGNATURE_FIELDS.has(field) ? input.ocrSignature : input.ocrHeader) sources[field] = 'ocr';
  }
  const dateYear = meta.date ? Number(meta.date.slice(0, 4)) : null;
  if (meta.number && sources.number === 'ocr' && !plausibleNumber(meta.number, dateYear)) unsure.number = 'ocr';
  if (meta.number && sources.number !== 'ocr') {
    const y = /\/(\d{4})\//.exec(meta.number);
    if (y && dateYear !== null && Number(y[1]) > dateYear) unsure.number = 'conflict';
  }
  if (meta.date && sources.date === 'ocr' && input.doubtfulDate) unsure.date = 'cited';
  else if (meta.date && input.doubtfulDate) unsure.date = 'cited';
  for (const field of ['issuer', 'issuerParent', 'issuerName'] as const) {
    const value = meta[field];
    if (value && sources[field] === 'ocr' && !plausibleIssuer(value)) unsure[field] = 'ocr';
  }
  if (meta.summary && sources.summary === 'ocr' && !plausibleSummary(meta.summary)) unsure.summary = 'ocr';
  if (meta.signer && sources.signer === 'ocr' && !plausibleName(meta.signer)) unsure.signer = 'ocr';
  if (meta.place && sources.place === 'ocr' && !plausibleWords(meta.place)) unsure.place = 'ocr';
  // The file name alone: sure only when the text shows the same number.
  if (meta.number && sources.number === 'filename') {
    const digits = /^\d+/.exec(meta.number)?.[0];
    if (!digits || !new RegExp(`(?<!\\d)${digits}\\s*/`).test(input.fullText)) unsure.number = 'filename';
  }
  // A year in the file name is when the file was saved or filed as often as when the document was signed:
  // sure only when the document's first page (header, title, date line) shows the same year.
  if (meta.year !== null && sources.year === 'filename' && !(input.headText ?? input.fullText).includes(String(meta.year))) unsure.year = 'filename';
  if (unsure.date && meta.year !== null && sources.year === sources.date) unsure.year = unsure.date;
  // Vietnamese without its marks ("So Giao duc") is not how the document prints any name or phrase.
  if (input.layer === 'unmarked') {
    for (const field of WORD_FIELDS) if (meta[field] && sources[field] === 'ocr') unsure[field] = 'ocr';
  }
  if (Object.keys(unsure).length) meta.unsure = unsure;
}

/**
 * The place and year of a date line that gives no single day: OCR could not read
 * the day ("Đà Nẵng, ngày 4ÿtháng 10 năm 2023"), the template was never filled
 * in ("Vũng Tàu , ngày tháng năm 2007"), or a meeting ran two days ("Hà Nội,
 * ngày 20, 21 tháng 03 năm 2002"). Place and year are still the document's own;
 * the date is not stated.
 */
export function ownYearLine(text: string): { year: number; place: string | null } | null {
  const re = /(\p{Lu}[\p{L}.]*(?:\s+[\p{L}.]+){0,5})\s*,\s*ngày\s*(?:\S{0,4}|[\d\s,.–-]{0,12}?)\s*tháng\s*(\d{1,2})?\s*năm\s*((?:19|20)\d\d)/u;
  const m = re.exec(text);
  if (!m) return null;
  if (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 12)) return null;
  const place = findDate(`${m[1]}, ngày 1 tháng 1 năm 2000`)?.place ?? null;
  return { year: Number(m[3]), place };
}

/** Letters OCR confuses in the capitals of an issuer line ("THÀNH PHÓ", a stray " -"). */
export function repairOcrHeader(text: string): string {
  return text
    .replace(/(?<!\p{L})TH[AÀ]NH PH[OÓ](?!\p{L})/gu, 'THÀNH PHỐ')
    .replace(/^[\s\-–_.,:;]+|[\s\-–_.,:;]+$/gu, '')
    .trim();
}

const OF_LINE_DATE = String.raw`(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s*\d{4})`;
const JOINT_LINE = new RegExp(String.raw`^(?:(liên tịch)\s+(?:của\s+)?(.{3,120}?)\s+)?số\s*:?\s*\S+\s+ngày\s+${OF_LINE_DATE}\s*[,.]?\s*`, 'iu');

/**
 * A summary that still begins with the of-line ("số 116/2003/NĐ-CP ngày
 * 10/10/2003 về việc …", "Liên tịch Bộ Tài chính - … Số 120/… ngày … Về việc …"):
 * the summary after it and, for a joint circular, the bodies that issued it.
 */
export function readJointLine(summary: string | null): { summary: string; issuer: string | null } | null {
  if (!summary) return null;
  const m = JOINT_LINE.exec(summary);
  if (!m || m[0].length >= summary.length) return null;
  const rest = summary.slice(m[0].length).trim();
  return { summary: rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1), issuer: m[1] && m[2] ? m[2].trim() : null };
}

/** "Luật Phòng, chống ma túy", "Bộ luật dân sự", "Hiến pháp" alone on a line: a law's name (type and the rest). */
export function lawNameLine(text: string): { type: string; name: string } | null {
  const m = /^(Bộ luật|Luật|Pháp lệnh|Hiến pháp)(?:\s+(\p{L}[^.;:]{1,100}))?$/iu.exec(text.trim());
  // "Luật PCCC (2001)" in a list of laws is an entry, not the law's own first line.
  if (!m || (m[2] && (m[2].split(/\s+/).length > 14 || /[\d()]/u.test(m[2])))) return null;
  const type = { 'bộ luật': 'bo-luat', luật: 'luat', 'pháp lệnh': 'phap-lenh', 'hiến pháp': 'hien-phap' }[m[1]!.toLocaleLowerCase('vi')]!;
  if (type !== 'hien-phap' && !m[2]) return null;
  return { type, name: (m[2] ?? '').trim() || 'Hiến pháp' };
}
