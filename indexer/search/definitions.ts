/**
 * Definition questions ("An ninh mạng là gì?", "thông tin được hiểu như thế
 * nào?", "định nghĩa tiếp cận thông tin", "độ tuổi nào được gọi là thanh
 * niên?") are answered by the clause that defines the term — a "Giải thích
 * từ ngữ" article's "4. Tiếp cận thông tin là việc đọc, xem, nghe…", or an
 * article opening "Thanh niên là công dân Việt Nam từ đủ 16 tuổi…". Keyword
 * ranking alone puts the articles that use the term most above the one that
 * says what it is, so the re-rank (rerank.ts `passageBonus`) adds
 * DEFINITION_WEIGHT to a candidate holding a definition line of a term the
 * question asks about.
 *
 * The question side is read on its words alone (accent-free, so an
 * accent-free question is read the same): the cue says it asks a meaning, and
 * the term is what it asks about. "X là gì?" (and "Thế nào là X?") only asks
 * a meaning when X is the whole term ("Hiệp hội trọng tài là gì?"); "Mục tiêu của giáo dục nghề
 * nghiệp là gì?" asks for the goals, and no clause defines "mục tiêu của giáo
 * dục nghề nghiệp", so it gets no bonus. With the other cues any run of the
 * question's words may be the term.
 */
import { tokenizeText } from '../vietnamese/tokenize.js';
import { expandAbbreviation } from './abbreviations.js';

/**
 * Added to the re-rank score of a passage defining a term the question asks
 * about (a term of one syllable counts half: it is rarely what is asked).
 * Chosen on the even half of ALQAC 2024 through files: R@1/MRR@10 0.872/0.914
 * without → 0.883/0.924 at 1 (0.3 gains less, 1.5 the same); the odd half
 * loses no question to it.
 */
export const DEFINITION_WEIGHT = 1;
/** Longest term read from a definition line, in syllables ("thông tin do cơ quan nhà nước tạo ra" is 8). */
export const MAX_TERM_WORDS = 12;

/** Cues that the question asks what a term means, on accent-free lower-case words (any term in the question). */
const MEANING_CUES = [
  'dinh nghia', 'duoc hieu', 'hieu nhu the nao', 'hieu the nao', 'giai thich', 'khai niem', 'nghia la gi', 'co nghia la',
  'duoc goi la', 'goi la gi',
];
/** "… là gì": asks a meaning only when what stands before it is the whole term. */
const IS_WHAT = /(?:^|\s)la gi\s*$/u;
/** "Thế nào là …", "như thế nào là …": the same, with the term after it. */
const WHAT_IS = /(?:^|\s)the nao la\s+(.+)$/u;
/** Words before the term that do not belong to it: "vậy", "thế". */
const LEADING = /^(?:vay|the)\s/u;

/** What a question asks the meaning of. */
export interface DefinitionAsk {
  /** The question's words (accent-free): any run of them may be the term. */
  words: string[];
  /** For "X là gì?": X's words — the term must be exactly these. Null when any run may be the term. */
  subject: string[] | null;
}

function folded(text: string): string[] {
  return tokenizeText(text).filter((t) => !t.code).map((t) => t.folded);
}

/** The definition the question asks for, or null when it does not ask what a term means. */
export function definitionAsk(question: string): DefinitionAsk | null {
  const words = folded(question);
  const joined = ` ${words.join(' ')} `;
  if (MEANING_CUES.some((cue) => joined.includes(` ${cue} `))) return { words, subject: null };
  const clauses = question.replace(/["“”]/gu, ' ').split(/[.;:!?\n]+/u).map((s) => s.split(',').pop()!.trim());
  // "Thế nào là X?": X, to the clause's end.
  const what = clauses.map((c) => WHAT_IS.exec(folded(c).join(' '))).find(Boolean);
  // "X là gì?" — the clause holding it, from its start ("Theo Luật X, an ninh mạng là gì?": after the comma).
  const clause = clauses.find((s) => IS_WHAT.test(folded(s).join(' ')));
  if (!what && !clause) return null;
  const subjectWords = what ? what[1]!.trim() : folded(clause!).join(' ').replace(IS_WHAT, '').replace(LEADING, '').trim();
  const subject = subjectWords ? subjectWords.split(' ') : [];
  // "BHXH là gì?" reaches here as "BHXH bảo hiểm xã hội là gì" (question.ts): the term is the expansion.
  while (subject.length > 1 && expandAbbreviation(subject[0]!.toUpperCase())) subject.shift();
  return subject.length > 0 && subject.length <= MAX_TERM_WORDS ? { words, subject } : null;
}

/** A clause number or point that opens a line: "4. ", "12a. ", "b) ". */
const LINE_LABEL = /^(?:\d+[a-zđ]?\s*[.)]|[a-zđ]\))\s*/u;
/** "<term> là …", "<term> được hiểu là …": the term, before the first of these. */
const DEFINES = /^(.+?)\s+(?:la|duoc hieu la|duoc goi la|co nghia la)\s/u;

/**
 * The terms a passage defines: each line (after its clause number) that
 * opens with a short term followed by "là" / "được hiểu là" — accent-free words.
 */
export function definedTerms(text: string): string[][] {
  const terms: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().replace(LINE_LABEL, '');
    if (!line) continue;
    const m = DEFINES.exec(` ${folded(line).join(' ')} `.trim() + ' ');
    if (!m) continue;
    const term = m[1]!.split(' ');
    if (term.length <= MAX_TERM_WORDS) terms.push(term);
  }
  return terms;
}

function containsRun(words: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, k) => words[i + k] === w)) return true;
  return false;
}

/**
 * The definition bonus of a passage for a question: DEFINITION_WEIGHT when it
 * defines the term asked about (half for a one-syllable term), the longest
 * such term winning (a little more per syllable, so "thông tin do cơ quan nhà
 * nước tạo ra" beats "thông tin"); 0 otherwise.
 */
export function definitionBonus(ask: DefinitionAsk | null, text: string): number {
  if (!ask) return 0;
  let best = 0;
  for (const term of definedTerms(text)) {
    const asked = ask.subject ? term.length === ask.subject.length && containsRun(ask.subject, term) : containsRun(ask.words, term);
    if (asked) best = Math.max(best, term.length);
  }
  if (best === 0) return 0;
  return DEFINITION_WEIGHT * (best === 1 ? 0.5 : 1) + best / 1000;
}
