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
import { facetValues, filterKeys, keysTest, matchesValidity, referenceMatches, type MetadataFilterKeys } from './filters.js';
import { documentIdOf } from '../store/ids.js';

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

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();
/** The `.` that ends a passage id's document part (ids.ts). */
const DOT = 0x2e;
/** Bytes of a document id hashed: ids are random hex (catalogue.ts), so a few tell them apart; the rest is compared. */
const HASHED = 8;
/** Two document ids with one hash: looked up by string. */
const COLLIDED = -2;

/** FNV-1a over bytes. */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

/** Filter results kept per index (the filters of the last searches: paging and facet clicks repeat them). */
const FILTER_MEMO = 64;

export class DocIndex {
  readonly entries = new Map<string, DocEntry>();
  /** The entries by number: a document's number indexes the typed arrays of facets.ts and first-stage.ts. */
  readonly list: DocEntry[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly filtered = new Map<string, Set<string> | null>();
  private byHash: Map<number, number> | null = null;
  private idBytes: Uint8Array[] | null = null;

  private constructor(documents: DocumentRow[], metadataOf: (doc: DocumentRow) => DocumentMetadata | null) {
    for (const row of documents) {
      const entry = entryOf(row, metadataOf(row));
      this.entries.set(row.id, entry);
      const n = this.numbers.get(row.id);
      if (n !== undefined) this.list[n] = entry;
      else {
        this.numbers.set(row.id, this.list.length);
        this.list.push(entry);
      }
    }
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

  /** A document's number (its place in `list`), -1 when it is not in the index. */
  noOf(docId: string): number {
    return this.numbers.get(docId) ?? -1;
  }

  /** The number of a passage's document, -1 when it is not in the index. */
  noOfPassage(passageId: string): number {
    return this.numbers.get(documentIdOf(passageId)) ?? -1;
  }

  /**
   * The number of a passage's document from the passage id's UTF-8 bytes
   * (`bytes[from..to]`, store/lance.ts `RankedIdBytes`), without making a
   * string: the id's document part is hashed, and checked byte for byte.
   */
  noOfIdBytes(bytes: Uint8Array, from: number, to: number): number {
    let end = from;
    while (end < to && bytes[end] !== DOT) end++;
    if (end === to) return -1; // not a passage id (ids.ts)
    const byHash = this.byHash ?? this.hashIds();
    const n = byHash.get(hashBytes(bytes, from, Math.min(end, from + HASHED)));
    if (n === undefined) return -1;
    if (n === COLLIDED) return this.noOf(DECODER.decode(bytes.subarray(from, end)));
    const own = this.idBytes![n]!;
    if (own.length !== end - from) return -1;
    for (let i = 0; i < own.length; i++) if (own[i] !== bytes[from + i]) return -1;
    return n;
  }

  private hashIds(): Map<number, number> {
    const byHash = new Map<number, number>();
    this.idBytes = this.list.map((e) => ENCODER.encode(e.id));
    this.idBytes.forEach((b, n) => {
      const h = hashBytes(b, 0, Math.min(b.length, HASHED));
      byHash.set(h, byHash.has(h) ? COLLIDED : n);
    });
    return (this.byHash = byHash);
  }

  /** A set of documents as one byte per document number (1: in the set); null stays null (every document). */
  maskOf(ids: Iterable<string> | null): Uint8Array | null {
    if (ids === null) return null;
    const mask = new Uint8Array(this.list.length);
    for (const id of ids) {
      const n = this.numbers.get(id);
      if (n !== undefined) mask[n] = 1;
    }
    return mask;
  }

  /**
   * The documents every filter accepts, or null when there are no filters
   * (every document). `except` leaves out one field's filters (a facet's own
   * counts are those of the other filters).
   */
  filter(filters: QueryFilter[], policy: PolicyView, except?: FacetField): Set<string> | null {
    const used = except ? filters.filter((f) => f.field !== except) : filters;
    if (used.length === 0) return null;
    // Validity filters read the user's overrides live, so only the others are kept.
    const key = used.some((f) => f.field === 'hieuluc') ? null : JSON.stringify(used.map((f) => [f.field, f.value, f.from, f.to]));
    if (key !== null && this.filtered.has(key)) return this.filtered.get(key)!;
    const citing = used.filter((f) => f.field === 'lienquan').map((f) => policy.referring((ref) => referenceMatches(ref, f.value)));
    const tests = used.filter((f) => f.field !== 'lienquan').map((f) => accepts(f, policy));
    const allowed = new Set<string>();
    for (const entry of this.list) {
      if (citing.every((ids) => ids.has(entry.id)) && tests.every((test) => test(entry))) allowed.add(entry.id);
    }
    if (key !== null) {
      if (this.filtered.size >= FILTER_MEMO) this.filtered.delete(this.filtered.keys().next().value!);
      this.filtered.set(key, allowed);
    }
    return allowed;
  }
}

/** One filter as a test of an entry, its wanted value worked out once (not once per document). */
function accepts(f: QueryFilter, policy: PolicyView): (entry: DocEntry) => boolean {
  if (f.field === 'thumuc') return (entry) => entry.folderKey.includes(f.value);
  if (f.field === 'dinhdang') {
    const wanted = f.value.replace(/[\s.-]/g, '');
    const formats = FORMAT_FAMILIES[wanted] ?? [wanted];
    return (entry) => formats.includes(entry.row.format);
  }
  if (f.field === 'nguon') {
    const source = SOURCE_CHOICES[f.value.replace(/[\s-]/g, '')];
    return (entry) => (source === 'banquet' ? entry.ocr : source === 'macu' ? entry.legacy : source === 'goc' ? !entry.ocr && !entry.legacy : false);
  }
  if (f.field === 'hieuluc') return (entry) => matchesValidity(policy.status(entry.row.path), f.value);
  const test = keysTest(f);
  return (entry) => entry.keys !== null && test(entry.keys);
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
