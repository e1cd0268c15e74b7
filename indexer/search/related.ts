/**
 * "More like this" without a model: documents that share distinctive terms and
 * cited numbers with a given one. It lives with search because it ranks documents
 * by similarity (TF-IDF over the library, the function words of rerank.ts), the
 * same job search does for a query; when a real embedding model is installed,
 * library/documents.ts prefers nearest passages by meaning and falls back to this.
 */
import type { DocumentMetadata } from '../api/contract.js';
import type { RelatedDocument } from '../api/documents.js';
import { referenceNumberKey } from '../common/doc-numbers.js';
import { kindName } from '../common/doc-types.js';
import { textKey } from '../common/fold.js';
import { canonicalSyllable, normalizeText } from '../common/normalize.js';
import { tokenizeText } from '../vietnamese/tokenize.js';
import { FUNCTION_WORDS } from './rerank.js';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const lower = (s: string) => s.toLocaleLowerCase('vi');

export interface TermDocument {
  id?: string | null;
  path: string;
  metadata: DocumentMetadata | null;
  /** The document's text (blocks joined), or its passages joined. */
  text: string;
}

/** Words of headers, signature blocks and generic administrative prose, not evidence of a shared subject. */
const BOILERPLATE = new Set(
  [
    'cong hoa', 'hoa xa', 'xa hoi', 'hoi chu', 'chu nghia', 'nghia viet', 'viet nam', 'doc lap', 'lap tu', 'tu do', 'do hanh', 'hanh phuc',
    'noi nhan', 'luu vt', 'uy ban', 'ban nhan', 'nhan dan', 'chu tich', 'pho chu', 'giam doc', 'so khoa', 'co quan', 'don vi', 'lien quan',
    'to chuc', 'thuc hien', 'trach nhiem', 'quy dinh', 'quyet dinh', 'ke hoach', 'bao cao', 'trien khai', 'nhiem vu', 'theo doi', 'tong hop',
    'da ky', 'thu truong', 'can cu', 'de nghi', 'phoi hop', 'chu tri', 'hang nam', 'dia ban', 'thanh pho', 'hoi dong', 'dong nhan',
  ],
);

interface TermVector {
  weights: Map<string, number>;
  display: Map<string, string>;
  codes: Set<string>;
  /** Word 5-gram shingles, hashed (a cached library holds one set per document). */
  shingles: Set<number>;
  /** Every adjacent pair of syllables in the text ("cong nghe" → 14), to tell word edges. */
  pairCount: Map<string, number>;
  /** Syllable tokens of the text, for showing shared phrases as written. */
  words: Array<{ folded: string; start: number; end: number; phrase: number; abbreviation: boolean }>;
  text: string;
}

function termVector(text: string): TermVector {
  const tokens = tokenizeText(normalizeText(text));
  const counts = new Map<string, number>();
  const display = new Map<string, string>();
  const codes = new Set<string>();
  const words = tokens
    .filter((t) => !t.code)
    .map((t) => ({ folded: t.folded, exact: t.exact, start: t.start, end: t.end, phrase: t.phrase, abbreviation: /^[\p{Lu}\p{N}]{2,}$/u.test(text.slice(t.start, t.end)) }));
  for (const t of tokens) {
    if (t.code) {
      const key = 'code:' + referenceNumberKey(t.exact);
      codes.add(key);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!display.has(key)) display.set(key, text.slice(t.start, t.end));
    }
  }
  const pairCount = new Map<string, number>();
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1]!;
    const b = words[i]!;
    if (a.phrase !== b.phrase) continue;
    const pair = `${a.folded} ${b.folded}`;
    pairCount.set(pair, (pairCount.get(pair) ?? 0) + 1);
    if (/^\d+$/.test(a.folded) || /^\d+$/.test(b.folded)) continue;
    if (FUNCTION_WORDS.has(a.folded) || FUNCTION_WORDS.has(b.folded)) continue;
    if (a.abbreviation || b.abbreviation) continue;
    const key = `${a.folded} ${b.folded}`;
    if (BOILERPLATE.has(key)) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!display.has(key)) display.set(key, `${canonicalSyllable(a.exact)} ${canonicalSyllable(b.exact)}`);
  }
  const weights = new Map<string, number>();
  for (const [k, c] of counts) weights.set(k, 1 + Math.log(c));
  // Word 5-gram shingles for near-duplicate detection.
  const shingles = new Set<number>();
  for (let i = 4; i < words.length; i++) shingles.add(hash(words.slice(i - 4, i + 1).map((w) => w.folded).join(' ')));
  return { weights, display, codes, shingles, words, text, pairCount };
}

/** FNV-1a, 32 bits: enough to tell shingles apart for a Jaccard estimate. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * The shared terms as the candidate writes them: runs of consecutive syllables whose
 * every adjacent pair is a shared distinctive pair ("kết nối cung - cầu công nghệ"),
 * best first. Runs of one pair come after longer ones of similar weight.
 */
function sharedPhrases(v: TermVector, weight: Map<string, number>, limit: number): string[] {
  const runs = new Map<string, { text: string; score: number }>();
  let from = -1;
  let score = 0;
  const pair = (i: number) => {
    const a = v.words[i - 1];
    const b = v.words[i];
    return a && b && a.phrase === b.phrase ? (v.pairCount.get(`${a.folded} ${b.folded}`) ?? 0) : 0;
  };
  const close = (end: number) => {
    let to = end;
    // Vietnamese words are mostly two syllables: a run that starts (ends) inside a word the text
    // uses at least as often as the run's own edge pair takes in the rest of it ("cầu công" + "nghệ").
    if (from >= 0 && to > from) {
      if (from > 0 && pair(from) >= pair(from + 1) && pair(from) > 1) from--;
      if (to + 1 < v.words.length && pair(to + 1) >= pair(to) && pair(to + 1) > 1) to++;
    }
    if (from >= 0 && to > from) {
      const first = v.words[from]!;
      const last = v.words[to]!;
      let text = collapse(v.text.slice(first.start, last.end));
      if (text === text.toLocaleUpperCase('vi')) text = lower(text);
      const key = textKey(text);
      const pairs = to - from;
      const value = score * (1 + 0.25 * (pairs - 1));
      const kept = runs.get(key);
      if (!kept || kept.score < value) runs.set(key, { text, score: value });
    }
    from = -1;
    score = 0;
  };
  for (let i = 1; i < v.words.length; i++) {
    const a = v.words[i - 1]!;
    const b = v.words[i]!;
    const w = a.phrase === b.phrase ? weight.get(`${a.folded} ${b.folded}`) : undefined;
    if (w) {
      if (from < 0) from = i - 1;
      score += w;
    } else close(i - 1);
  }
  close(v.words.length - 1);
  const picked: string[] = [];
  for (const r of [...runs.values()].sort((x, y) => y.score - x.score)) {
    const key = textKey(r.text);
    if (picked.some((p) => textKey(p).includes(key) || key.includes(textKey(p)))) continue; // "chi phí thuê gian hàng" inside "… hàng tiêu"
    picked.push(r.text);
    if (picked.length >= limit) break;
  }
  return picked;
}

/** A document of a term index: who it is, without its text. */
export type TermDocumentHead = Omit<TermDocument, 'text'>;

/**
 * The term vectors of every document of a library and their document frequencies:
 * what "more like this" compares, built once per catalogue version (document-views.ts
 * keeps it) instead of reading and tokenising every passage on each call.
 */
export class TermIndex {
  /** Indexes built in this process: lets a test see the cache at work. */
  static built = 0;

  private constructor(
    readonly documents: Map<string, { head: TermDocumentHead; vector: TermVector }>,
    readonly df: Map<string, number>,
  ) {}

  static build(docs: Iterable<TermDocument>): TermIndex {
    TermIndex.built++;
    const documents = new Map<string, { head: TermDocumentHead; vector: TermVector }>();
    for (const { text, ...head } of docs) documents.set(head.path, { head, vector: termVector(text) });
    const df = new Map<string, number>();
    for (const { vector } of documents.values()) for (const k of vector.weights.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    return new TermIndex(documents, df);
  }

  get size(): number {
    return this.documents.size;
  }
}

export interface RelatedOptions {
  limit?: number;
  minScore?: number;
  types?: string[] | null;
}

/**
 * "More like this" without a model: candidates ranked by the cosine of TF-IDF
 * vectors of adjacent-syllable pairs (accent-folded, function words and
 * administrative boilerplate left out) plus shared document numbers. Near-duplicates
 * (same number, or ≥ 80 % shared 5-word shingles) are left out. Each result is
 * labelled with its type and says which distinctive terms it shares.
 */
export function relatedByTerms(doc: TermDocument, candidates: TermDocument[], options: RelatedOptions = {}): RelatedDocument[] {
  const index = TermIndex.build([...candidates.filter((c) => c.path !== doc.path), doc]);
  return relatedInIndex(index, doc, undefined, options);
}

/**
 * The same over a library's term index: `doc` must be one of its documents; `text`,
 * when given, is what to compare instead of the whole document (one passage of it).
 */
export function relatedInIndex(index: TermIndex, doc: TermDocumentHead, text: string | undefined, options: RelatedOptions = {}): RelatedDocument[] {
  const limit = options.limit ?? 10;
  const minScore = options.minScore ?? 0.02;
  const own = index.documents.get(doc.path)?.vector;
  const source = text === undefined && own ? own : termVector(text ?? '');
  const others = [...index.documents.values()].filter((d) => d.head.path !== doc.path);
  // Document frequencies over the source and its candidates: the library's, with the source in place of its document.
  const n = others.length + 1;
  const dfOf = (k: string) => (index.df.get(k) ?? 0) - (own?.weights.has(k) ? 1 : 0) + (source.weights.has(k) ? 1 : 0);
  const idf = (k: string) => Math.log((n + 1) / (dfOf(k) + 0.5));
  const weighted = (v: TermVector) => {
    const w = new Map<string, number>();
    let norm = 0;
    for (const [k, tf] of v.weights) {
      const x = tf * Math.max(0, idf(k)) * (k.startsWith('code:') ? 1.5 : 1);
      if (x <= 0) continue;
      w.set(k, x);
      norm += x * x;
    }
    return { w, norm: Math.sqrt(norm) };
  };
  const src = weighted(source);
  const ownNumber = doc.metadata?.number ? referenceNumberKey(doc.metadata.number) : null;
  const results: RelatedDocument[] = [];
  for (const { head: c, vector: v } of others) {
    if (options.types && options.types.length && !options.types.includes(c.metadata?.type ?? '')) continue;
    if (ownNumber && c.metadata?.number && referenceNumberKey(c.metadata.number) === ownNumber) continue; // another copy
    if (jaccard(source.shingles, v.shingles) >= 0.8) continue; // near-duplicate
    const cand = weighted(v);
    if (src.norm === 0 || cand.norm === 0) continue;
    const shared: Array<{ k: string; x: number }> = [];
    let dot = 0;
    for (const [k, x] of src.w) {
      const y = cand.w.get(k);
      if (!y) continue;
      dot += x * y;
      shared.push({ k, x: x * y });
    }
    const score = dot / (src.norm * cand.norm);
    if (score < minScore) continue;
    shared.sort((a, b) => b.x - a.x);
    const topPairs = new Map(shared.filter((x) => !x.k.startsWith('code:')).slice(0, 30).map((x) => [x.k, x.x]));
    const terms = sharedPhrases(v, topPairs, 6);
    const refs = shared.filter((x) => x.k.startsWith('code:')).slice(0, 4).map((x) => v.display.get(x.k) ?? x.k.slice(5));
    const type = c.metadata?.type ?? null;
    const typeName = kindName(type);
    const parts: string[] = [];
    if (terms.length) parts.push(`Cùng đề cập: ${terms.map((t) => `“${t}”`).join(', ')}`);
    if (refs.length) parts.push(`cùng viện dẫn ${refs.join(', ')}`);
    results.push({
      path: c.path,
      documentId: c.id ?? null,
      type,
      typeName,
      crossType: !!type && type !== (doc.metadata?.type ?? null),
      score: Math.round(score * 1000) / 1000,
      sharedTerms: terms,
      sharedReferences: refs,
      reason: (typeName ? `${typeName}. ` : '') + (parts.join('; ') || 'Nội dung gần nhau') + '.',
    });
  }
  results.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return results.slice(0, limit);
}
