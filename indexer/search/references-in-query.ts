/**
 * Explicit references inside a question, as officers write them: "Điều 45",
 * "khoản 2 Điều 45", "điểm a khoản 2 Điều 45 Luật Viên chức", "theo Điều 143
 * của Luật Tố tụng hành chính", accent-free "dieu 45 luat vien chuc", by the
 * document's number "Điều 5 Luật số 24/2018/QH14", "khoản 2 Điều 3 Nghị định
 * 30/2020/NĐ-CP" (the document whose number it is, read from its metadata or
 * title; no other document stands in for it). Keyword
 * search alone ranks the articles that cite Điều 143 above Điều 143 itself
 * (they hold the question's words and the number); a reference names the
 * passage, so search.ts puts that article first when the named (or else the
 * best-matching) document has it.
 */
import { foldAccents } from '../common/normalize.js';
import { NUMBER_SRC, referenceNumberKey } from '../common/doc-numbers.js';
import { tokenizeText } from '../vietnamese/tokenize.js';

export interface QueryReference {
  /** The article number as written ("45", "12a"). */
  article: string;
  /** The clause number, when the question names one ("khoản 2"). */
  clause: string | null;
  /** The words after the reference that may name the document ("Luật Viên chức"), accent-free, lower case. */
  documentWords: string[];
  /** The document's number when the reference gives one ("24/2018/QH14"), as a matching key (referenceNumberKey). */
  documentNumber: string | null;
}

/** [điểm x] [khoản M] Điều N [của] [the document's name…] — on accent-free, lower-case text. */
const REFERENCE = /(?:\bdiem\s+[a-zđ]\s*,?\s*)?(?:\bkhoan\s+(\d+)\s*,?\s*(?:cua\s+)?)?\bdieu\s+(\d+[a-z]?)\b(?:\s*(?:cua|tai|thuoc)\b)?/gu;
/** Words that open a document's name after a reference. */
const DOCUMENT_KIND = /^(?:bo luat|luat|nghi dinh|thong tu|quyet dinh|hien phap|phap lenh|nghi quyet|chi thi|bo|blds|blhs|blld|bltths|bltthc|bltds|nd|tt|qd|nq)\b/u;
/** At most this many words after a reference are read as the document's name. */
const NAME_WORDS = 8;
/** A document number among the words naming the document ("luat so 24/2018/qh14", upper-cased to test). */
const NUMBER = new RegExp(`(?:^|\\s)(${NUMBER_SRC})(?=\\s|$)`, 'u');
/** Words of a title that are its number: "Luật An ninh mạng số 24/2018/QH14" is named by "Luật An ninh mạng". */
const TITLE_NUMBER = new RegExp(`(?:\\b[sS][ốôo]\\s*:?\\s*)?${NUMBER_SRC}`, 'gu');

export function queryReferences(query: string): QueryReference[] {
  const folded = foldAccents(query).toLowerCase();
  const found: QueryReference[] = [];
  for (const m of folded.matchAll(REFERENCE)) {
    const after = folded.slice(m.index! + m[0].length).trimStart();
    const name = after.split(/[,;?!:()]|\.(?:\s|$)/u, 1)[0]!;
    const number = NUMBER.exec(name.toUpperCase());
    const named = DOCUMENT_KIND.test(after) || (number !== null && number.index === 0);
    const documentWords = named ? tokenizeText(name).filter((t) => !t.code).map((t) => t.folded).slice(0, NAME_WORDS) : [];
    found.push({ article: m[2]!, clause: m[1] ?? null, documentWords, documentNumber: named && number ? referenceNumberKey(number[1]!) : null });
  }
  return found;
}

/** The article number of a section path ("Chương II › Điều 5 › khoản 2–3" → "5"), or null. */
export function sectionArticle(section: string | null): string | null {
  const m = [...foldAccents(section ?? '').toLowerCase().matchAll(/(?:^|›)\s*dieu\s+(\d+[a-z]?)(?=\s*(?:›|$))/gu)].pop();
  return m ? m[1]! : null;
}

/** Whether a section path's clause range ("khoản 2–3", "khoản 5") holds the clause; true when it names none. */
export function sectionHasClause(section: string | null, clause: string): boolean {
  const m = /khoản\s+(\d+)(?:\s*[–-]\s*(\d+))?/u.exec(section ?? '');
  if (!m) return true;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  const n = Number(clause);
  return n >= from && n <= to;
}

/**
 * How well a document's title matches the name a reference gave: the share of
 * the title's words (accent-free) found among the reference's document words,
 * 0 when the title's distinctive words are not all there.
 */
export function titleMatch(title: string, documentWords: string[]): number {
  if (documentWords.length === 0) return 0;
  const words = tokenizeText(title.replace(TITLE_NUMBER, ' ')).filter((t) => !t.code).map((t) => t.folded);
  if (words.length === 0) return 0;
  const named = new Set(documentWords);
  const hit = words.filter((w) => named.has(w)).length;
  return hit === words.length ? 1 + words.length / 100 : 0;
}

/** The number keys a document answers to: its metadata's number, and any number in its title. */
export function documentNumbers(doc: { title: string; metadata?: string | null }): Set<string> {
  const keys = new Set<string>();
  try {
    const number = doc.metadata ? (JSON.parse(doc.metadata) as { number?: unknown } | null)?.number : null;
    if (typeof number === 'string' && number) keys.add(referenceNumberKey(number));
  } catch {
    // metadata that is not JSON names no number
  }
  for (const m of doc.title.matchAll(new RegExp(NUMBER_SRC, 'gu'))) keys.add(referenceNumberKey(m[0]));
  return keys;
}

/** What resolving a reference needs of the library: its documents and their passages. */
export interface ReferenceSources {
  /** The library's documents; `metadata` is the stored JSON of DocumentMetadata (its `number` is read). */
  documents: Array<{ id: string; title: string; metadata?: string | null }>;
  passagesOf(docId: string): AsyncIterable<Array<{ id: string; section: string | null; ordinal: number }>>;
}

/**
 * The passages a question's references name, in the question's order: in the
 * document whose title the reference names (the best match), else in
 * `fallbackDocId` (the document of the best keyword hit). Empty when the
 * question names no article or the document has no such article.
 */
export async function referencedPassages(references: QueryReference[], sources: ReferenceSources, fallbackDocId: string | null): Promise<string[]> {
  const ids: string[] = [];
  const numbers = new Map<string, Set<string>>();
  const numbersOf = (doc: { id: string; title: string; metadata?: string | null }) => numbers.get(doc.id) ?? numbers.set(doc.id, documentNumbers(doc)).get(doc.id)!;
  for (const ref of references) {
    let best: { id: string; match: number } | null = null;
    for (const doc of sources.documents) {
      // A number names its document alone; else the title the words name (the longest).
      const match = ref.documentNumber ? (numbersOf(doc).has(ref.documentNumber) ? 1 : 0) : titleMatch(doc.title, ref.documentWords);
      if (match > 0 && (!best || match > best.match)) best = { id: doc.id, match };
    }
    const docId = best?.id ?? (ref.documentWords.length === 0 && !ref.documentNumber ? fallbackDocId : null);
    if (!docId) continue;
    const inArticle: Array<{ id: string; ordinal: number; clause: boolean }> = [];
    for await (const batch of sources.passagesOf(docId)) {
      for (const p of batch) {
        if (sectionArticle(p.section) !== ref.article) continue;
        inArticle.push({ id: p.id, ordinal: p.ordinal, clause: ref.clause === null || sectionHasClause(p.section, ref.clause) });
      }
    }
    // The passage holding the named clause first, then the rest of the article in reading order.
    inArticle.sort((a, b) => Number(b.clause) - Number(a.clause) || a.ordinal - b.ordinal);
    for (const p of inArticle) if (!ids.includes(p.id)) ids.push(p.id);
  }
  return ids;
}
