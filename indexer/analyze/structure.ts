/**
 * Recognises the structure of Vietnamese legal and administrative text
 * (Phần, Chương, Mục, Điều, and numbered report headings) in any format, and
 * keeps the section path that every passage carries into its citation.
 */
import type { Block } from '../extract/types.js';

interface HeadingPattern {
  /** Lower rank = higher in the hierarchy. */
  rank: number;
  pattern: RegExp;
  /** The short label used in section paths, from the match. */
  label: (m: RegExpExecArray, text: string) => string;
}

const ROMAN = '[IVXLC]+';
/** The numbering must end there: "Phần I." yes, "Phần lớn" (a word) no. */
const END = '(?=$|[\\s.:,;–-])';
const PATTERNS: HeadingPattern[] = [
  { rank: 1, pattern: new RegExp(`^(?:Phần|PHẦN)\\s+((?:thứ|THỨ)\\s+\\p{L}+|${ROMAN}|\\d+)${END}`, 'u'), label: (m) => `Phần ${m[1]}` },
  { rank: 2, pattern: new RegExp(`^(?:Chương|CHƯƠNG)\\s+(${ROMAN}|\\d+)${END}`, 'u'), label: (m) => `Chương ${m[1]}` },
  { rank: 3, pattern: new RegExp(`^(?:Mục|MỤC)\\s+(${ROMAN}|\\d+)${END}`, 'u'), label: (m) => `Mục ${m[1]}` },
  { rank: 4, pattern: /^(?:Điều|ĐIỀU)\s+(\d+[a-z]?)\s*[.:]/u, label: (m) => `Điều ${m[1]}` },
  // Report headings: "I. KẾT QUẢ ĐẠT ĐƯỢC", "II. Phương hướng".
  { rank: 2, pattern: new RegExp(`^(${ROMAN})\\.\\s+\\p{Lu}`, 'u'), label: (_m, text) => shorten(text) },
];

/** Only trusted when the format marks the block as a heading (else they are khoản). */
const NUMBERED_HEADINGS: HeadingPattern[] = [
  { rank: 4, pattern: /^\d+\.\d+\.?\s+\S/u, label: (_m, text) => shorten(text) },
  { rank: 3, pattern: /^\d+\.\s+\S/u, label: (_m, text) => shorten(text) },
];

/** Longest heading label in a section path; a heading of a report runs to about 100 characters (two printed lines). */
const MAX_LABEL = 120;
/** Titles go into citations whole unless absurdly long (a paragraph mistaken for a title). */
const MAX_TITLE = 240;

function shorten(text: string, max = MAX_LABEL): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : clean.slice(0, max - 1).trimEnd() + '…';
}

/** True when a line starts a Phần, Chương, Mục, Điều or a Roman-numbered report section. */
export function isStructuralHeading(text: string): boolean {
  return PATTERNS.some((p) => p.pattern.test(text));
}

export interface Heading {
  rank: number;
  label: string;
}

/** The heading a block opens, if it opens one. */
export function headingOf(block: Block): Heading | null {
  for (const p of PATTERNS) {
    const m = p.pattern.exec(block.text);
    if (m) return { rank: p.rank, label: p.label(m, block.text) };
  }
  if (block.kind !== 'heading') return null;
  for (const p of NUMBERED_HEADINGS) {
    const m = p.pattern.exec(block.text);
    if (m) return { rank: p.rank, label: p.label(m, block.text) };
  }
  // A format heading without a recognised number: rank by its level.
  return { rank: 1 + (block.level ?? 1), label: shorten(block.text) };
}

/** A khoản ("2. …", level 1) or điểm ("b) …", level 2) opening a block inside an article. */
export interface Clause {
  level: 1 | 2;
  label: string;
  /** The number or letter alone ("2", "b"). */
  n: string;
}

/** Letters of điểm in order: the Vietnamese alphabet has no f, j, w or z, and puts đ after d. */
const DIEM_ORDER = 'abcdđeghiklmnopqrstuvxy';

/**
 * Does `next` continue the numbering after `previous` (the last khoản, or the
 * last điểm of the current khoản)? Lists quoted inside an article ("Sửa đổi
 * khoản 2 như sau: 2. …") and stray numbers break the sequence and are not clauses.
 */
export function continuesClauses(previous: Clause | null, next: Clause): boolean {
  if (next.level === 1) return Number(next.n) === (previous ? Number(previous.n) + 1 : 1);
  return DIEM_ORDER.indexOf(next.n) === (previous ? DIEM_ORDER.indexOf(previous.n) + 1 : 0);
}

/** "1. Text", not "1.1. Text" (a report subsection) nor "1.000 đồng". */
const KHOAN = /^(\d{1,3})\.\s+[\p{L}"“(]/u;
/** "a) Text", "đ) Text": Vietnamese law letters its points with a closing parenthesis. */
const DIEM = /^([a-zđ])\)\s+\S/u;

/**
 * The khoản or điểm a block opens. Only meaningful inside an article: outside
 * one, "1." numbers a report section or a list, so the caller says where it is.
 */
export function clauseOf(block: Block, insideArticle: boolean): Clause | null {
  if (!insideArticle) return null;
  const k = KHOAN.exec(block.text);
  if (k) return { level: 1, label: `khoản ${k[1]}`, n: k[1]! };
  const d = DIEM.exec(block.text);
  if (d) return { level: 2, label: `điểm ${d[1]}`, n: d[1]! };
  return null;
}

/** Longest line taken as the rest of a heading broken across lines ("… chuyển giao công" / "nghệ"). */
const MAX_CONTINUATION = 100;
/** At most this many continuation lines are joined to one heading. */
const MAX_CONTINUATION_LINES = 2;

/**
 * The heading text of `blocks[i]` with the lines that finish it: a heading broken
 * across lines ("3. Phát triển thị trường …, chuyển giao công" / "nghệ", "III. Dự
 * báo … trong kế" / "hoạch năm 2005.") is one heading. A following line finishes it
 * when the heading does not end a sentence, the line is short, opens no heading or
 * clause, and starts in lower case (a word cut off, or the phrase going on).
 */
export function joinedHeadingText(blocks: readonly Block[], i: number): string {
  let text = blocks[i]!.text.replace(/\s+/g, ' ').trim();
  for (let k = 1; k <= MAX_CONTINUATION_LINES && i + k < blocks.length; k++) {
    if (/[.:;!?…]$/u.test(text)) break;
    const next = blocks[i + k]!;
    const line = next.text.replace(/\s+/g, ' ').trim();
    if (!line || line.length > MAX_CONTINUATION || !/^\p{Ll}/u.test(line)) break;
    if (isStructuralHeading(line) || KHOAN.test(line) || DIEM.test(line)) break;
    if (next.page !== blocks[i]!.page) break;
    text = `${text} ${line}`;
  }
  return text;
}

/** Keeps the current section path while walking blocks in order. */
export class SectionTracker {
  private stack: Heading[] = [];
  /** Labels of headings broken across lines, joined (by block). */
  private readonly joined = new Map<Block, string>();

  /**
   * `blocks`: the document's blocks in order, when known, so that a heading broken
   * across lines is labelled whole (see `joinedHeadingText`).
   */
  constructor(blocks: readonly Block[] = []) {
    blocks.forEach((block, i) => {
      const heading = headingOf(block);
      // Only headings labelled by their text (report and format headings); "Điều 5" is labelled by its number.
      if (!heading || heading.label !== shorten(block.text)) return;
      const whole = joinedHeadingText(blocks, i);
      if (whole !== block.text.replace(/\s+/g, ' ').trim()) this.joined.set(block, shorten(whole));
    });
  }

  /** Feed the next block; returns the section path in force for it. */
  enter(block: Block): string | null {
    const found = headingOf(block);
    if (found) {
      const heading = { ...found, label: this.joined.get(block) ?? found.label };
      while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.rank >= heading.rank) this.stack.pop();
      this.stack.push(heading);
    }
    return this.path();
  }

  /** True when the innermost open section is an article (Điều). */
  inArticle(): boolean {
    return this.stack.length > 0 && /^Điều \d/u.test(this.stack[this.stack.length - 1]!.label);
  }

  path(): string | null {
    return this.stack.length > 0 ? this.stack.map((h) => h.label).join(' › ') : null;
  }
}

/** Document types of Decree 30/2020, as they stand alone in upper case on the first page. */
const DOCUMENT_TYPES = [
  'NGHỊ QUYẾT', 'QUYẾT ĐỊNH', 'CHỈ THỊ', 'QUY CHẾ', 'QUY ĐỊNH', 'THÔNG BÁO', 'HƯỚNG DẪN', 'CHƯƠNG TRÌNH',
  'KẾ HOẠCH', 'PHƯƠNG ÁN', 'ĐỀ ÁN', 'DỰ ÁN', 'BÁO CÁO', 'BIÊN BẢN', 'TỜ TRÌNH', 'HỢP ĐỒNG', 'CÔNG VĂN',
  'CÔNG ĐIỆN', 'GIẤY MỜI', 'THÔNG TƯ', 'NGHỊ ĐỊNH', 'LUẬT',
];
const TYPE_LINE = new RegExp(`^(${DOCUMENT_TYPES.join('|')})$`, 'u');
const NUMBER_LINE = /(?:^|[\s|])Số\s*:?\s*([\p{L}\p{N}][\p{L}\p{N}/.\-]*)/u;
const LEADING_BLOCKS = 20;

function sentenceCase(upper: string): string {
  const lower = upper.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/**
 * A title a person would recognise: for administrative documents the type,
 * number and summary ("Quyết định số 1234/QĐ-UBND về việc …"); otherwise the
 * first heading or first short line.
 */
export function guessTitle(blocks: Block[], formatTitle: string | null = null): string | null {
  // A format title that is more than a bare document type ("KẾ HOẠCH") is the author's own choice.
  if (formatTitle && !TYPE_LINE.test(formatTitle.trim().toLocaleUpperCase('vi')) && formatTitle.trim().length >= 12) return shorten(formatTitle, MAX_TITLE);
  const head = blocks.slice(0, LEADING_BLOCKS);
  const typeIndex = head.findIndex((b) => TYPE_LINE.test(b.text.trim()));
  if (typeIndex >= 0) {
    const type = sentenceCase(head[typeIndex]!.text.trim());
    const number = head.map((b) => NUMBER_LINE.exec(b.text)?.[1]).find(Boolean);
    const summary = head[typeIndex + 1];
    const parts = [number ? `${type} số ${number}` : type];
    if (summary && !isStructuralHeading(summary.text) && summary.text.length < 300) parts.push(summary.text.trim());
    return parts.join(' ');
  }
  const heading = head.find((b) => b.kind === 'heading');
  if (heading) return shorten(heading.text, MAX_TITLE);
  const short = head.find((b) => b.text.length >= 8 && b.text.length <= 160);
  return short ? shorten(short.text, MAX_TITLE) : null;
}
