/**
 * The library's documents as search filters, sorts and counts them: each
 * document's filter keys, folder, facet values and sort keys, worked out once
 * per catalogue version (one index per PolicyView, which is rebuilt whenever
 * the catalogue changes) instead of on every candidate of every query.
 *
 * A query's filters become a set of allowed document ids here, from memory;
 * the stores then filter by that set before ranking (sql.ts `docIdFilter`),
 * so a filtered query ranks and counts every passage of the documents it
 * keeps. Validity is read from the PolicyView, which works it out once per
 * document and catalogue version and reads the user's overrides live: a
 * later document repealing this one changes the catalogue, hence the view,
 * without this document's rows changing.
 */
import path from 'node:path';
import type { DocumentMetadata, QueryFilter } from '../api/contract.js';
import { notesColumn } from '../store/json-columns.js';
import type { DocumentRow } from '../store/lance.js';
import type { PolicyView } from '../policy/policy.js';
import { textKey } from '../common/fold.js';
import { FORMAT_FAMILIES, SOURCE_CHOICES } from '../common/query-fields.js';
import { filterValue } from '../vietnamese/query.js';
import { facetValues, filterKeys, matchesKeys, matchesValidity, referenceMatches, type MetadataFilterKeys } from './filters.js';

/** One document as search sees it. */
export interface DocEntry {
  id: string;
  row: DocumentRow;
  meta: DocumentMetadata | null;
  keys: MetadataFilterKeys | null;
  /** The folders of its path, folded and space-separated, as `thumuc:` compares them. */
  folderKey: string;
  /** Its folder's name (the `thumuc` facet value). */
  folder: string;
  /** Type slug and its name, for the `loai` facet. */
  loai: { value: string; label: string } | null;
  /** The issuer as read from the document (never from a file name), for the `coquan` facet; key merges spellings. */
  issuer: { key: string; label: string } | null;
  year: number | null;
  /** Issue date (else year) for the date sort; "" when undated. */
  when: string;
  /** Document number for the number sort: its leading number and the rest folded; null when unnumbered. */
  number: { n: number; rest: string } | null;
  /** Title folded for the title sort. */
  titleKey: string;
  /** Some page was read by OCR. */
  ocr: boolean;
  /** Some text was converted from a legacy encoding (TCVN3, VNI…). */
  legacy: boolean;
}

/** The fields a facet counts; `hieuluc` is read from the PolicyView. */
export type FacetField = 'loai' | 'coquan' | 'nam' | 'thumuc' | 'hieuluc';
export const FACET_FIELDS: readonly FacetField[] = ['loai', 'coquan', 'nam', 'thumuc', 'hieuluc'];

const INDEXES = new WeakMap<PolicyView, DocIndex>();

export class DocIndex {
  readonly entries = new Map<string, DocEntry>();

  private constructor(documents: DocumentRow[], metadataOf: (doc: DocumentRow) => DocumentMetadata | null) {
    for (const row of documents) this.entries.set(row.id, entryOf(row, metadataOf(row)));
  }

  /** The index for a catalogue version (one per PolicyView). */
  static of(policy: PolicyView, documents: DocumentRow[], metadataOf: (doc: DocumentRow) => DocumentMetadata | null): DocIndex {
    let index = INDEXES.get(policy);
    if (!index) INDEXES.set(policy, (index = new DocIndex(documents, metadataOf)));
    return index;
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): DocEntry | undefined {
    return this.entries.get(id);
  }

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  /**
   * The documents every filter accepts, or null when there are no filters
   * (every document). `except` leaves out one field's filters (a facet's own
   * counts are those of the other filters).
   */
  filter(filters: QueryFilter[], policy: PolicyView, except?: FacetField): Set<string> | null {
    const used = except ? filters.filter((f) => f.field !== except) : filters;
    if (used.length === 0) return null;
    const citing = used.filter((f) => f.field === 'lienquan').map((f) => policy.referring((ref) => referenceMatches(ref, f.value)));
    const others = used.filter((f) => f.field !== 'lienquan');
    const allowed = new Set<string>();
    for (const entry of this.entries.values()) {
      if (citing.every((ids) => ids.has(entry.id)) && others.every((f) => accepts(entry, f, policy))) allowed.add(entry.id);
    }
    return allowed;
  }
}

function accepts(entry: DocEntry, f: QueryFilter, policy: PolicyView): boolean {
  if (f.field === 'thumuc') return entry.folderKey.includes(f.value);
  if (f.field === 'dinhdang') {
    const wanted = f.value.replace(/[\s.-]/g, '');
    return (FORMAT_FAMILIES[wanted] ?? [wanted]).includes(entry.row.format);
  }
  if (f.field === 'nguon') {
    const source = SOURCE_CHOICES[f.value.replace(/[\s-]/g, '')];
    return source === 'banquet' ? entry.ocr : source === 'macu' ? entry.legacy : source === 'goc' ? !entry.ocr && !entry.legacy : false;
  }
  if (f.field === 'hieuluc') return matchesValidity(policy.status(entry.row.path), f.value);
  return entry.keys !== null && matchesKeys(entry.keys, f);
}

function entryOf(row: DocumentRow, meta: DocumentMetadata | null): DocEntry {
  const dir = path.dirname(row.path);
  const facets = meta ? facetValues(meta) : null;
  const fromFileName = (field: 'issuerName' | 'unit') => meta?.sources?.[field] === 'filename';
  const issuerLabel = meta?.issuerName && !fromFileName('issuerName') ? facets!.coquan : meta?.unit && !fromFileName('unit') ? meta.unit : null;
  const notes = notesColumn.decode(row.notes);
  return {
    id: row.id,
    row,
    meta,
    keys: meta ? filterKeys(meta) : null,
    folderKey: ` ${filterValue(dir.replace(/[\\/]/g, ' '))} `,
    folder: path.basename(dir),
    loai: facets?.loai ?? null,
    issuer: issuerLabel ? { key: textKey(issuerLabel), label: issuerLabel } : null,
    year: meta?.year ?? null,
    when: meta?.date ?? (meta?.year ? String(meta.year) : ''),
    number: numberSortKey(meta?.number ?? null),
    titleKey: textKey(meta?.summary ?? meta?.title ?? row.title ?? path.basename(row.path)),
    ocr: (notes.ocrPages?.length ?? 0) > 0,
    legacy: Object.keys(notes.legacyEncodings ?? {}).length > 0,
  };
}

function numberSortKey(number: string | null): DocEntry['number'] {
  if (!number) return null;
  const m = /^\s*0*(\d+)/.exec(number);
  return { n: m ? Number(m[1]) : Number.MAX_SAFE_INTEGER, rest: textKey(number) };
}
