/**
 * Facets: the matching documents counted by type, issuer, year, folder and
 * validity — every matching document, each once (the whole match set of
 * first-stage.ts, not the page shown). Issuers are merged by their canonical
 * form ("Bộ tài chính" and "Bộ Tài chính" are one value, shown in its most
 * used spelling) and are only ever read from the document, never from a file
 * name. Each value is what the matching filter takes (`thumuc:<value>`).
 * A field the query filters on is counted with every filter but its own
 * (search.ts), so choosing `thumuc:bao-cao` still shows `ke-hoach 400` to
 * switch to; the other fields count the filtered match set.
 */
import type { FacetCount, SearchFacets } from '../api/contract.js';
import type { PolicyView } from '../policy/policy.js';
import { HIEULUC_CHOICES } from '../common/query-fields.js';
import type { DocIndex } from './doc-index.js';

/** Values listed per field, most documents first. */
export const FACET_LIMIT = 12;

export function emptyFacets(): SearchFacets {
  return { loai: [], coquan: [], nam: [], thumuc: [], hieuluc: [] };
}

class Counter {
  private readonly counts = new Map<string, { count: number; labels: Map<string, number> }>();

  add(key: string, label: string): void {
    const entry = this.counts.get(key) ?? this.counts.set(key, { count: 0, labels: new Map() }).get(key)!;
    entry.count++;
    entry.labels.set(label, (entry.labels.get(label) ?? 0) + 1);
  }

  /** Top values; `valueOf` gives the filter value of a key and its label (default: the label). */
  top(valueOf?: (key: string) => string): FacetCount[] {
    const list = [...this.counts].map(([key, e]) => {
      const label = [...e.labels].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'vi'))[0]![0];
      return { value: valueOf ? valueOf(key) : label, label, count: e.count };
    });
    return list.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi')).slice(0, FACET_LIMIT);
  }
}

/** The `hieuluc:` choices as a facet labels them (the UI shows its own words for each value). */
const VALIDITY_LABELS: Record<(typeof HIEULUC_CHOICES)[number]['value'], string> = {
  con: 'còn hiệu lực',
  het: 'hết hiệu lực',
  chua: 'chưa có hiệu lực',
  khongro: 'không rõ hiệu lực',
};

/** Count each document of `docIds` once per field. */
export function countFacets(index: DocIndex, policy: PolicyView, docIds: Iterable<string>): SearchFacets {
  const loai = new Counter();
  const coquan = new Counter();
  const nam = new Counter();
  const thumuc = new Counter();
  const hieuluc = new Counter();
  for (const id of new Set(docIds)) {
    const e = index.get(id);
    if (!e) continue;
    if (e.folder) thumuc.add(e.folder, e.folder);
    // Every document lands in one `hieuluc:` choice (in force, expired, not yet, unknown), as the filter takes them.
    const status = policy.status(e.row.path)?.value ?? 'unknown';
    const choice = HIEULUC_CHOICES.find((c) => c.statuses.includes(status));
    if (choice) hieuluc.add(choice.value, VALIDITY_LABELS[choice.value]);
    if (e.loai) loai.add(e.loai.value, e.loai.label);
    if (e.issuer) coquan.add(e.issuer.key, e.issuer.label);
    if (e.year !== null) nam.add(String(e.year), String(e.year));
  }
  const same = (key: string) => key;
  return { loai: loai.top(same), coquan: coquan.top(), nam: nam.top(same), thumuc: thumuc.top(same), hieuluc: hieuluc.top(same) };
}
