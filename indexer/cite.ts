/**
 * Hit → citation string an officer can paste into a report:
 * "<title>, <section>, tr. <page> (<file name>)". Richer administrative and
 * research styles build on the same pieces once document metadata exists.
 */
import path from 'node:path';

export interface CitationSource {
  title: string;
  path: string;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
}

export function pageLabel(page: number | null, pageEnd: number | null): string | null {
  if (page === null) return null;
  return pageEnd !== null && pageEnd !== page ? `tr. ${page}–${pageEnd}` : `tr. ${page}`;
}

export function citation(source: CitationSource): string {
  const fileName = path.basename(source.path);
  const parts = [source.title.trim() || fileName];
  if (source.section) parts.push(source.section);
  const page = pageLabel(source.page, source.pageEnd);
  if (page) parts.push(page);
  const text = parts.join(', ');
  return source.title.trim() && source.title.trim() !== fileName ? `${text} (${fileName})` : text;
}
