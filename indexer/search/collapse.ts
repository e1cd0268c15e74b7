/**
 * One hit per article: the ranked passages grouped into hits, each the best
 * passage of its Điều (the section path up to the article; for a report, its
 * section; for a document without sections, the document), the others of the
 * group kept as `morePassages`. Identical documents — a copy is one catalogue
 * row already, a `.doc` and its `.docx` twin are two with the same text — are
 * shown once, the twin's paths beside the first.
 *
 * Groups are formed in rank order and read in chunks only as far as the page
 * needs, so asking for page 3 reads no further than page 3 (the groups of
 * pages 1–2 come out the same, in the same order, whatever the page).
 */
import type { StoredPassage } from '../store/lance.js';
import type { Fused } from './fusion.js';
import type { DocEntry } from './doc-index.js';

/** Passages read per chunk while grouping: twice the groups wanted, at least this many. */
const MIN_CHUNK = 20;

/** `article` (default): one hit per article and per set of identical documents; `passage`: one per passage. */
export type CollapseMode = 'article' | 'passage';

export interface HitGroup {
  docId: string;
  passage: StoredPassage;
  rank: Fused;
  /** Other matching passages of the same article, best first. */
  more: Array<{ passage: StoredPassage; rank: Fused }>;
  /** Documents with the same text as this one (a `.doc` beside its `.docx`). */
  twins: string[];
}

/** The part of a section path that names the article ("Chương II › Điều 5 › khoản 2" → "Chương II › Điều 5"); the whole path otherwise. */
export function articleKey(section: string | null): string {
  if (!section) return '';
  const parts = section.split(' › ');
  const at = parts.findIndex((p) => /^Điều \d/u.test(p));
  return at >= 0 ? parts.slice(0, at + 1).join(' › ') : section;
}

/**
 * Passage counts two twins may differ by: the same text saved as .rtf and as .doc (or
 * .docx) is cut a little differently where the formats lay out tables and notes
 * (TT 13/2001/TT-BTC: 100 passages from the .rtf, 98 from the .doc).
 */
export const TWIN_PASSAGE_SLACK = 0.05;

/**
 * Two catalogue rows that hold the same document in two files (different bytes, same
 * identity and about as many passages); the caller also asks the matched passage's
 * text to be identical.
 */
export function areTwins(a: DocEntry, b: DocEntry): boolean {
  const slack = Math.max(1, Math.ceil(Math.max(a.row.passages, b.row.passages) * TWIN_PASSAGE_SLACK));
  return a.id !== b.id && a.row.hash !== b.row.hash && Math.abs(a.row.passages - b.row.passages) <= slack && a.row.title === b.row.title
    && (a.meta?.number ?? null) === (b.meta?.number ?? null) && (a.meta?.date ?? null) === (b.meta?.date ?? null);
}

export interface CollapseOptions {
  mode: CollapseMode;
  /** Groups wanted (offset + limit). */
  need: number;
  /** Passage texts, filled by `fetch`. */
  texts: Map<string, StoredPassage>;
  fetch(ids: string[]): Promise<void>;
  entry(docId: string): DocEntry | undefined;
}

/** Ranked passages read by position (search.ts makes a passage id only when its row is read). */
export interface Ranking {
  readonly length: number;
  at(i: number): [string, Fused];
}

export async function collapse(order: Ranking | Array<[string, Fused]>, options: CollapseOptions): Promise<HitGroup[]> {
  const at = Array.isArray(order) ? (i: number) => order[i]! : (i: number) => order.at(i);
  const groups: HitGroup[] = [];
  const byKey = new Map<string, HitGroup>();
  const size = Math.max(MIN_CHUNK, 2 * options.need);
  for (let i = 0; i < order.length && groups.length < options.need; i += size) {
    const chunk: Array<[string, Fused]> = [];
    for (let k = i; k < Math.min(order.length, i + size); k++) chunk.push(at(k));
    await options.fetch(chunk.map(([id]) => id));
    for (const [id, rank] of chunk) {
      const passage = options.texts.get(id);
      if (!passage) continue; // deleted while we searched
      const key = options.mode === 'passage' ? id : `${passage.docId}\u0000${articleKey(passage.section)}`;
      const group = byKey.get(key);
      if (group) {
        if (group.docId === passage.docId) group.more.push({ passage, rank });
        continue;
      }
      const twin = options.mode === 'article' ? groups.find((g) => g.passage.text === passage.text && isTwin(g, passage.docId, options)) : undefined;
      if (twin) {
        if (!twin.twins.includes(passage.docId)) twin.twins.push(passage.docId);
        byKey.set(key, twin);
        continue;
      }
      const created: HitGroup = { docId: passage.docId, passage, rank, more: [], twins: [] };
      groups.push(created);
      byKey.set(key, created);
    }
  }
  return groups;
}

function isTwin(group: HitGroup, docId: string, options: CollapseOptions): boolean {
  if (group.docId === docId) return false;
  const a = options.entry(group.docId);
  const b = options.entry(docId);
  return !!a && !!b && areTwins(a, b);
}
