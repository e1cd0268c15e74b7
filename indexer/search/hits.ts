/**
 * Search hits as the API returns them: a passage with its document's
 * identity, citations and validity, its highlights, the other passages of its
 * article (`morePassages`) and the other paths holding the same document.
 */
import type { MorePassage, SearchHit } from '../api/contract.js';
import { Catalogue } from '../store/catalogue.js';
import type { StoredPassage } from '../store/lance.js';
import { citations } from '../cite/citation.js';
import type { PolicyView } from '../policy/policy.js';
import type { HitGroup } from './collapse.js';
import type { DocEntry, DocIndex } from './doc-index.js';
import type { Fused } from './fusion.js';
import type { Highlighter } from './highlight.js';

function cite(entry: DocEntry, passage: StoredPassage) {
  return citations(entry.meta, { path: entry.row.path, page: passage.page, pageEnd: passage.pageEnd, section: passage.section, title: entry.row.title, ocr: passage.ocr });
}

/** The other places the document is found: its identical copies, and its twins (another format, same text) with theirs. */
function otherPaths(entry: DocEntry, twins: DocEntry[]): string[] {
  const paths = [...Catalogue.aliasesOf(entry.row)];
  for (const t of twins) paths.push(t.row.path, ...Catalogue.aliasesOf(t.row));
  return [...new Set(paths)].filter((p) => p !== entry.row.path);
}

export function hitOf(entry: DocEntry, passage: StoredPassage, rank: Fused, highlights: Array<[number, number]>, policy: PolicyView, twins: DocEntry[] = []): SearchHit {
  const cited = cite(entry, passage);
  return {
    path: entry.row.path,
    otherPaths: otherPaths(entry, twins),
    title: entry.row.title,
    format: entry.row.format as SearchHit['format'],
    page: passage.page,
    pageEnd: passage.pageEnd,
    section: passage.section,
    text: passage.text,
    ocr: passage.ocr,
    highlights,
    score: rank.score,
    keywordRank: rank.keywordRank,
    vectorRank: rank.vectorRank,
    citation: cited.best,
    citations: cited,
    metadata: entry.meta,
    status: policy.status(entry.row.path)?.value ?? 'unknown',
    documentId: entry.id,
    passageId: passage.id,
    start: passage.start,
    end: passage.end,
    morePassages: [],
  };
}

/** A group of collapse.ts as one hit. */
export function groupHit(group: HitGroup, index: DocIndex, policy: PolicyView, highlighter: Highlighter): SearchHit | null {
  const entry = index.get(group.docId);
  if (!entry) return null; // deleted while we searched
  const twins = group.twins.map((id) => index.get(id)).filter((e): e is DocEntry => !!e);
  const hit = hitOf(entry, group.passage, group.rank, highlighter.ranges(group.passage.text), policy, twins);
  hit.morePassages = group.more.map(({ passage }): MorePassage => {
    const cited = cite(entry, passage);
    return {
      passageId: passage.id, page: passage.page, pageEnd: passage.pageEnd, section: passage.section, text: passage.text,
      highlights: highlighter.ranges(passage.text), citation: cited.best, ocr: passage.ocr, start: passage.start, end: passage.end,
    };
  });
  return hit;
}
