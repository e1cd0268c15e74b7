/**
 * Explicit references inside a question, as officers write them: "Điều 45",
 * "khoản 2 Điều 45", "điểm a khoản 2 Điều 45 Luật Viên chức", "theo Điều 143
 * của Luật Tố tụng hành chính", accent-free "dieu 45 luat vien chuc". Keyword
 * search alone ranks the articles that cite Điều 143 above Điều 143 itself
 * (they hold the question's words and the number); a reference names the
 * passage, so search.ts puts that article first when the named (or else the
 * best-matching) document has it.
 */
import { foldAccents } from '../common/normalize.js';
import { tokenizeText } from '../vietnamese/tokenize.js';

export interface QueryReference {
  /** The article number as written ("45", "12a"). */
  article: string;
  /** The clause number, when the question names one ("khoản 2"). */
  clause: string | null;
  /** The words after the reference that may name the document ("Luật Viên chức"), accent-free, lower case. */
  documentWords: string[];
}

/** [điểm x] [khoản M] Điều N [của] [the document's name…] — on accent-free, lower-case text. */
const REFERENCE = /(?:\bdiem\s+[a-zđ]\s*,?\s*)?(?:\bkhoan\s+(\d+)\s*,?\s*(?:cua\s+)?)?\bdieu\s+(\d+[a-z]?)\b(?:\s*(?:cua|tai|thuoc)\b)?/gu;
/** Words that open a document's name after a reference. */
const DOCUMENT_KIND = /^(?:bo luat|luat|nghi dinh|thong tu|quyet dinh|hien phap|phap lenh|nghi quyet|chi thi|bo|blds|blhs|blld|bltths|bltthc|bltds|nd|tt|qd|nq)\b/u;
/** At most this many words after a reference are read as the document's name. */
const NAME_WORDS = 8;

export function queryReferences(query: string): QueryReference[] {
  const folded = foldAccents(query).toLowerCase();
  const found: QueryReference[] = [];
  for (const m of folded.matchAll(REFERENCE)) {
    const after = folded.slice(m.index! + m[0].length).trimStart();
    const documentWords = DOCUMENT_KIND.test(after)
      ? tokenizeText(after.split(/[,;?.!:()]/u, 1)[0]!).filter((t) => !t.code).map((t) => t.folded).slice(0, NAME_WORDS)
      : [];
    found.push({ article: m[2]!, clause: m[1] ?? null, documentWords });
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
  const words = tokenizeText(title).filter((t) => !t.code).map((t) => t.folded);
  if (words.length === 0) return 0;
  const named = new Set(documentWords);
  const hit = words.filter((w) => named.has(w)).length;
  return hit === words.length ? 1 + words.length / 100 : 0;
}

/** What resolving a reference needs of the library: its documents and their passages. */
export interface ReferenceSources {
  documents: Array<{ id: string; title: string }>;
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
  for (const ref of references) {
    let best: { id: string; match: number } | null = null;
    for (const doc of sources.documents) {
      const match = titleMatch(doc.title, ref.documentWords);
      if (match > 0 && (!best || match > best.match)) best = { id: doc.id, match };
    }
    const docId = best?.id ?? (ref.documentWords.length === 0 ? fallbackDocId : null);
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
