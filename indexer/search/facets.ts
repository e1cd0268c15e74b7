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
import type { DocEntry, DocIndex, FacetField } from './doc-index.js';

/** Values listed per field, most documents first. */
export const FACET_LIMIT = 12;

export function emptyFacets(): SearchFacets {
  return { loai: [], coquan: [], nam: [], thumuc: [], hieuluc: [] };
}

/** The `hieuluc:` choices as a facet labels them (the UI shows its own words for each value). */
const VALIDITY_LABELS: Record<(typeof HIEULUC_CHOICES)[number]['value'], string> = {
  con: 'còn hiệu lực',
  het: 'hết hiệu lực',
  chua: 'chưa có hiệu lực',
  khongro: 'không rõ hiệu lực',
};

/** One facet field over the library: each document's (value, spelling) pair, numbered. */
interface FieldTable {
  /** Per document number: its pair, -1 when it has no value. */
  pairOf: Int32Array;
  /** Per pair: its value's number, and its spelling. */
  pairKey: number[];
  pairLabel: string[];
  keys: string[];
}

interface FacetTable {
  fields: Record<Exclude<FacetField, 'hieuluc'>, FieldTable>;
  /** Per document number: its `hieuluc:` choice without overrides (HIEULUC_CHOICES index, -1 none), once needed. */
  validity: Int8Array | null;
}

const TABLES = new WeakMap<DocIndex, FacetTable>();
const collator = new Intl.Collator('vi');

function fieldTable(index: DocIndex, valueOf: (e: DocEntry) => { key: string; label: string } | null): FieldTable {
  const pairOf = new Int32Array(index.list.length).fill(-1);
  const pairs = new Map<string, number>();
  const keyNumbers = new Map<string, number>();
  const table: FieldTable = { pairOf, pairKey: [], pairLabel: [], keys: [] };
  index.list.forEach((entry, i) => {
    const v = valueOf(entry);
    if (!v) return;
    const id = `${v.key}\u0000${v.label}`;
    let pair = pairs.get(id);
    if (pair === undefined) {
      let key = keyNumbers.get(v.key);
      if (key === undefined) keyNumbers.set(v.key, (key = table.keys.push(v.key) - 1));
      pairs.set(id, (pair = table.pairKey.push(key) - 1));
      table.pairLabel.push(v.label);
    }
    pairOf[i] = pair;
  });
  return table;
}

/** The facet values of every document, numbered once per catalogue version (one DocIndex each). */
function tableOf(index: DocIndex): FacetTable {
  let table = TABLES.get(index);
  if (!table) {
    table = {
      fields: {
        loai: fieldTable(index, (e) => (e.loai ? { key: e.loai.value, label: e.loai.label } : null)),
        coquan: fieldTable(index, (e) => e.issuer),
        nam: fieldTable(index, (e) => (e.year !== null ? { key: String(e.year), label: String(e.year) } : null)),
        thumuc: fieldTable(index, (e) => (e.folder ? { key: e.folder, label: e.folder } : null)),
      },
      validity: null,
    };
    TABLES.set(index, table);
  }
  return table;
}

function choiceOf(policy: PolicyView, entry: DocEntry): number {
  // Every document lands in one `hieuluc:` choice (in force, expired, not yet, unknown), as the filter takes them.
  const status = policy.status(entry.row.path)?.value ?? 'unknown';
  return HIEULUC_CHOICES.findIndex((c) => c.statuses.includes(status));
}

/**
 * The top values of one field from its pair counts: a value counts the
 * documents of all its spellings and is shown in the most used one.
 * `valueOf` gives the filter value of a key (default: its label).
 */
function top(table: FieldTable, counts: Int32Array, valueOf?: (key: string) => string): FacetCount[] {
  const total = new Int32Array(table.keys.length);
  const best = new Int32Array(table.keys.length).fill(-1);
  for (let p = 0; p < counts.length; p++) {
    const c = counts[p]!;
    if (c === 0) continue;
    const k = table.pairKey[p]!;
    total[k]! += c;
    const b = best[k]!;
    if (b < 0 || c > counts[b]! || (c === counts[b]! && collator.compare(table.pairLabel[p]!, table.pairLabel[b]!) < 0)) best[k] = p;
  }
  const list: FacetCount[] = [];
  for (let k = 0; k < total.length; k++) {
    if (total[k] === 0) continue;
    const label = table.pairLabel[best[k]!]!;
    list.push({ value: valueOf ? valueOf(table.keys[k]!) : label, label, count: total[k]! });
  }
  return list.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label)).slice(0, FACET_LIMIT);
}

/** Count each document of `docs` (one byte per document number, 1: counted) once per field. */
export function countFacets(index: DocIndex, policy: PolicyView, docs: Uint8Array): SearchFacets {
  const table = tableOf(index);
  const { loai, coquan, nam, thumuc } = table.fields;
  const counts = [loai, coquan, nam, thumuc].map((t) => new Int32Array(t.pairLabel.length));
  const pairs = [loai.pairOf, coquan.pairOf, nam.pairOf, thumuc.pairOf];
  const choices = new Int32Array(HIEULUC_CHOICES.length);
  // The user's overrides are read live; without any, each document's choice is fixed for this view.
  const live = policy.hasOverrides();
  const validity = live ? null : (table.validity ??= Int8Array.from(index.list, (e) => choiceOf(policy, e)));
  const n = Math.min(docs.length, index.list.length);
  for (let i = 0; i < n; i++) {
    if (docs[i] === 0) continue;
    for (let f = 0; f < 4; f++) {
      const p = pairs[f]![i]!;
      if (p >= 0) counts[f]![p]!++;
    }
    const choice = validity ? validity[i]! : choiceOf(policy, index.list[i]!);
    if (choice >= 0) choices[choice]!++;
  }
  const same = (key: string) => key;
  const hieuluc = HIEULUC_CHOICES.map((c, i) => ({ value: c.value, label: VALIDITY_LABELS[c.value], count: choices[i]! }))
    .filter((f) => f.count > 0)
    .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label))
    .slice(0, FACET_LIMIT);
  return { loai: top(loai, counts[0]!, same), coquan: top(coquan, counts[1]!), nam: top(nam, counts[2]!, same), thumuc: top(thumuc, counts[3]!, same), hieuluc };
}
