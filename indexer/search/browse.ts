/**
 * Orders over documents: the date, number and title sorts (of a filter-only
 * listing, and of a query's matches when asked), and the filter-only listing
 * itself — one entry per matching document, newest first unless another
 * order is asked. Officers browse by filter ("every decision of 2024 from the
 * Sở"), so a query of filters alone lists the documents, paged.
 */
import type { SearchSort } from '../api/contract.js';
import type { DocEntry } from './doc-index.js';

/** Document orders; `relevance` has none (a filter-only listing then goes by date). */
export type DocumentSort = Exclude<SearchSort, 'relevance'>;

const byPath = (a: DocEntry, b: DocEntry) => (a.row.path < b.row.path ? -1 : a.row.path > b.row.path ? 1 : 0);

/**
 * `date`: newest issue date first (a year alone counts as that year), undated
 * last; `number`: by the number's leading figure, then the rest, unnumbered
 * last; `title`: by the summary or title, accent- and case-free. Ties by path.
 */
export function compareDocuments(sort: DocumentSort): (a: DocEntry, b: DocEntry) => number {
  switch (sort) {
    case 'date':
      return (a, b) => (a.when === b.when ? 0 : !a.when ? 1 : !b.when ? -1 : a.when < b.when ? 1 : -1) || byPath(a, b);
    case 'number':
      return (a, b) => {
        if (!a.number || !b.number) return (a.number ? -1 : b.number ? 1 : 0) || byPath(a, b);
        return a.number.n - b.number.n || (a.number.rest < b.number.rest ? -1 : a.number.rest > b.number.rest ? 1 : 0) || byPath(a, b);
      };
    case 'title':
      return (a, b) => (a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : 0) || byPath(a, b);
  }
}

/** The matching documents in the asked order (a listing: by date unless said). */
export function listDocuments(entries: Iterable<DocEntry>, sort: SearchSort): DocEntry[] {
  return [...entries].sort(compareDocuments(sort === 'relevance' ? 'date' : sort));
}

/**
 * Ranked passages reordered by their documents (`sort` other than relevance):
 * the documents in that order, each document's passages in rank order.
 */
export function orderByDocument<T>(ranked: T[], docOf: (item: T) => DocEntry | undefined, sort: DocumentSort): T[] {
  const compare = compareDocuments(sort);
  const position = new Map<T, number>();
  ranked.forEach((item, i) => position.set(item, i));
  const kept = ranked.filter((item) => docOf(item) !== undefined);
  return kept.sort((a, b) => compare(docOf(a)!, docOf(b)!) || position.get(a)! - position.get(b)!);
}
