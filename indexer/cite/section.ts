/**
 * Where a passage is in its document, as a citation says it: "Điều 5, khoản 2",
 * "Phần thứ hai, mục I. Thuế thu nhập doanh nghiệp", "mục II.1. Công tác chuẩn bị".
 * A heading goes in whole or as its number alone, never cut mid-phrase; a bare
 * type line ("BÁO CÁO") read as a heading is no place in the document. Pure functions.
 */
import { compactKey } from '../common/fold.js';
import { DOC_TYPES } from '../common/doc-types.js';

export interface SectionCitationOptions {
  /**
   * Order of article and clause. false (default): "Điều 3, khoản 2", as the UI
   * lists it. true: "khoản 2 Điều 3", as Vietnamese legal text cites it
   * (Decree 30/2020, Appendix II, V.7).
   */
  clauseFirst?: boolean;
}

/**
 * A legal part and its number: "Phần thứ hai" / "PHẦN THỨ HAI" (the ordinal word
 * included), "Chương II", "Điều 5", "Điều 12a"; clauses may be a range ("khoản 2–4",
 * when a passage holds several). "Điều kiện …" or "Mục tiêu …" are words, not parts.
 */
const LEGAL_PART = new RegExp(
  [
    String.raw`^(Phần|PHẦN|Chương|CHƯƠNG|Tiểu mục|TIỂU MỤC|Mục|MỤC)\s+((?:thứ|THỨ)\s+\p{L}+|[IVXLC]+|\d+)`,
    String.raw`^(Điều|ĐIỀU)\s+(\d+[a-zđ]?)`,
    String.raw`^([Kk]hoản|KHOẢN)\s+(\d+(?:\s*[–-]\s*\d+)?)`,
    String.raw`^([Đđ]iểm|ĐIỂM)\s+([a-zđ](?:\s*[–-]\s*[a-zđ])?)`,
  ].map((alt) => `(?:${alt}(?![\p{L}\p{N}]))`).join('|'),
  'u',
);

/** Kind and number of a legal part, or null. */
function legalPart(part: string): [kind: string, number: string] | null {
  const m = LEGAL_PART.exec(part);
  if (!m) return null;
  const groups = m.slice(1).filter((g): g is string => g !== undefined);
  return [groups[0]!, groups[1]!];
}

/**
 * Longest heading text a citation quotes. A longer one is a sentence set as a
 * numbered paragraph ("III. Trong Thông tư này, các từ ngữ … như sau:"): the
 * citation then gives its number alone ("mục III"), or, without a number, the
 * heading up to a phrase boundary.
 */
export const MAX_CITED_HEADING = 120;

/** Type names alone ("BÁO CÁO", "Nghị quyết"): a document's type line taken for a heading. */
const TYPE_KEYS = new Set(DOC_TYPES.map((t) => compactKey(t.name)));

function isTypeLine(part: string): boolean {
  return TYPE_KEYS.has(compactKey(part));
}

/**
 * A section path as a citation: legal parts from the article down ("Điều 5, khoản 2"),
 * else the legal parts there are ("Chương II"), else a report heading with its
 * numbering ("mục II.1. Công tác chuẩn bị"). Null when there is nothing to cite.
 */
export function sectionCitation(section: string | null, options: SectionCitationOptions = {}): string | null {
  if (!section) return null;
  const parts = section.split(/\s*›\s*/).map((p) => p.trim()).filter((p) => p && !isTypeLine(p));
  if (parts.length === 0) return null;
  const legal = parts
    .map(legalPart)
    .filter((m): m is [string, string] => m !== null)
    .map(([kind, n]) => {
      const lower = kind.toLocaleLowerCase('vi');
      const name = /^(khoản|điểm)$/u.test(lower) ? lower : lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
      // "PHẦN THỨ HAI" → "Phần thứ hai"; a range is written with an en dash, as in print: "khoản 2–4".
      const number = /^thứ\s/iu.test(n) ? n.toLocaleLowerCase('vi').replace(/\s+/g, ' ') : n.replace(/\s*[–-]\s*/, '–');
      return `${name} ${number}`;
    });
  if (legal.length) {
    const article = legal.findIndex((p) => p.startsWith('Điều '));
    const cited = article >= 0 ? legal.slice(article) : legal;
    const text = options.clauseFirst ? [...cited].reverse().join(' ') : cited.join(', ');
    // "Phần I › II. CÁC THÀNH PHẦN …": a report heading under a Phần or Chương is cited after it.
    const lastLegal = parts.map((p) => legalPart(p) !== null).lastIndexOf(true);
    const below = article < 0 ? parts.slice(lastLegal + 1) : [];
    if (below.length === 0) return text;
    const heading = reportHeading(below);
    // "CHƯƠNG 3 › 3.2. …": a report's numbering already carries its chapter ("mục 3.2."), said once.
    const chapter = /^Chương (\d+)$/u.exec(cited[cited.length - 1]!);
    if (chapter && cited.length === 1 && heading.startsWith(`mục ${chapter[1]}.`) && /^mục \d+\.\d/u.test(heading)) return heading;
    return `${text}, ${heading}`;
  }
  return reportHeading(parts);
}

const NUMBERING = /^([IVXLC]+|\d+(?:\.\d+)*)[.)]\s+/u;
/** Words a Vietnamese phrase cannot end on: prepositions, conjunctions, plural markers, verbs that need what follows ("làm tăng giá có" / "cả khách quan …"). */
const DANGLING_END = /\s(?:của|và|với|cho|về|các|những|trong|(?<!tiếp\s)theo|(?<!hiện\s)tại|để|hoặc|đối với|(?<!sẵn\s)có|là|(?<!tự\s)do|bởi|gồm|nhằm|mà|nhưng|vì)$/iu;

/** Report headings: "II. KẾT QUẢ THỰC HIỆN › 1. Công tác chuẩn bị" → "mục II.1. Công tác chuẩn bị". */
function reportHeading(parts: string[]): string {
  const numbers: string[] = [];
  for (const p of parts) {
    const n = NUMBERING.exec(p);
    if (n) numbers.push(n[1]!);
  }
  const last = parts[parts.length - 1]!;
  // A heading's own closing colon or full stop is not part of its name.
  // A label the structure shortened ("…") is quoted no further than its number or last phrase.
  const shortened = /…$/u.test(last);
  const title = last.replace(NUMBERING, '').replace(/…$/u, '').replace(/\s*[:.;,]+$/u, '').trim();
  const upper = title === title.toLocaleUpperCase('vi') && /\p{L}{2}/u.test(title);
  const label = upper ? title.charAt(0) + title.slice(1).toLocaleLowerCase('vi') : title;
  // A heading that ends on a word that needs its continuation ("11. Sức cạnh tranh của", "I. Tổng số cho vay theo:")
  // lost the rest to a line break or is a list's lead-in: its number says where, its words would be cut mid-phrase.
  const whole = !shortened && label.length <= MAX_CITED_HEADING && !DANGLING_END.test(label);
  if (numbers.length === 0) return whole ? label : phrase(label.replace(DANGLING_END, ''));
  // Subsections already carry their Arabic parents' numbers ("2.1."): the deepest one then, after the Roman part's ("I.2.1.").
  const deepest = numbers[numbers.length - 1]!;
  const roman = numbers.filter((n) => /^[IVXLC]+$/u.test(n));
  const number = deepest.includes('.') ? [...roman.filter((n) => n !== deepest), deepest].join('.') : numbers.join('.');
  return whole && label ? `mục ${number}. ${label}` : `mục ${number}`;
}

/** A long unnumbered heading up to its last phrase boundary within the limit, marked as shortened. */
function phrase(text: string): string {
  const head = text.slice(0, MAX_CITED_HEADING);
  const cut = Math.max(head.lastIndexOf(', '), head.lastIndexOf('; '), head.lastIndexOf(' - '), head.lastIndexOf(' – '));
  return `${(cut > 20 ? head.slice(0, cut) : head.slice(0, head.lastIndexOf(' '))).trimEnd()} …`;
}
