/**
 * The query filters (`loai:`, `so:`, `coquan:`, `nam:`, `hieuluc:`, `lienquan:`)
 * against what the library knows of a document, and the facet values shown beside
 * the results. Values are compared folded (common/fold.ts), the way the query
 * parser keeps them, so "loai:quyết-định" and a "Quyết định" meet.
 */
import type { DocumentMetadata } from '../api/contract.js';
import { docTypeName, normalizeDocType } from '../common/doc-types.js';
import { looseNumberKey, numberKey, referenceNumberKey } from '../common/doc-numbers.js';
import { compactKey, foldValue, textKey } from '../common/fold.js';
import { HIEULUC_CHOICES } from '../common/query-fields.js';
import { shortIssuerName } from '../analyze/identity/names.js';
import type { Reference } from '../analyze/references/types.js';
import { type DocumentStatus, STATUS_VALUES } from '../policy/status.js';

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bủy ban nhân dân\b|\buỷ ban nhân dân\b/giu, 'ubnd'],
  [/\bhội đồng nhân dân\b/giu, 'hđnd'],
  [/\bkhoa học và công nghệ\b/giu, 'kh&cn'],
];

/**
 * Values the search filters compare against, all folded like `QueryFilter.value`:
 * `loai` the type slug (compare with `normalizeDocType(value)`), `so` the number without
 * separators, `coquan` every spelling of the issuer (full and abbreviated, with parent),
 * `nam` the year.
 */
export interface MetadataFilterKeys {
  loai: string | null;
  so: string | null;
  coquan: string;
  nam: number | null;
}

export function filterKeys(meta: DocumentMetadata): MetadataFilterKeys {
  const names = [meta.issuerName, meta.issuer, meta.issuerParent, meta.unit].filter((s): s is string => !!s);
  const variants = new Set<string>();
  for (const n of names) {
    const l = n.toLocaleLowerCase('vi');
    variants.add(l);
    let abbreviated = l;
    for (const [re, abbr] of ABBREVIATIONS) abbreviated = abbreviated.replace(re, abbr);
    variants.add(abbreviated);
  }
  return {
    loai: meta.type,
    so: meta.number ? numberKey(meta.number) : null,
    coquan: foldValue([...variants].join(' | ')),
    nam: meta.year,
  };
}

/** One query filter (`QueryFilter` of the API) against a document's metadata. `thumuc` is not metadata: true. */
export function matchesFilter(meta: DocumentMetadata | null, filter: { field: string; value: string; from?: number; to?: number }): boolean {
  if (filter.field === 'thumuc') return true;
  if (!meta) return false;
  return keysTest(filter)(filterKeys(meta));
}

/** One metadata filter as a test of filter keys, its wanted value worked out once: for testing every document of the library. */
export function keysTest(filter: { field: string; value: string; from?: number; to?: number }): (keys: MetadataFilterKeys) => boolean {
  switch (filter.field) {
    case 'loai': {
      const wanted = normalizeDocType(filter.value) ?? filter.value.replace(/\s+/g, '-');
      return (keys) => keys.loai === wanted;
    }
    case 'so': {
      const wanted = numberKey(filter.value);
      const partial = /\D/.test(wanted);
      return (keys) => !!keys.so && wanted.length > 0 && (keys.so === wanted || keys.so.startsWith(wanted) || (keys.so.includes(wanted) && partial));
    }
    case 'coquan': {
      const wanted = foldValue(filter.value);
      return (keys) => wanted.length > 0 && keys.coquan.includes(wanted);
    }
    case 'nam': {
      const from = filter.from ?? Number(filter.value);
      const to = filter.to ?? from;
      return (keys) => keys.nam !== null && keys.nam >= from && keys.nam <= to;
    }
    default:
      return () => true;
  }
}

/** Facet values of a document for the UI: type slug with its name, issuer, year. */
export function facetValues(meta: DocumentMetadata): { loai: { value: string; label: string } | null; coquan: string | null; nam: number | null } {
  return {
    loai: meta.type ? { value: meta.type, label: meta.typeName && meta.type !== 'phu-luc' ? meta.typeName : docTypeName(meta.type)! } : null,
    coquan: meta.issuerName ? shortIssuerName(meta.issuerName) : meta.unit,
    nam: meta.year,
  };
}

/**
 * The `hieuluc:` filter (common/query-fields.ts HIEULUC_CHOICES): `con` (in force, with
 * evidence: in-force, amended), `het` (expired, replaced), `chua` (not yet) or `khongro`
 * (no evidence either way); a status value itself ("in-force") also works.
 */
export function matchesValidity(status: Pick<DocumentStatus, 'value'> | null | undefined, wanted: string): boolean {
  const w = compactKey(wanted);
  const v = status?.value ?? 'unknown';
  const choice = HIEULUC_CHOICES.find((c) => c.spellings.includes(w));
  if (choice) return choice.statuses.includes(v);
  return (STATUS_VALUES as readonly string[]).includes(wanted) ? v === wanted : false;
}

/** The `lienquan:<number>` filter: does a reference point at that number (or, for laws, that title)? */
export function referenceMatches(ref: Pick<Reference, 'target'>, query: string): boolean {
  const q = query.trim();
  if (!q) return false;
  if (ref.target.number) {
    const want = referenceNumberKey(q);
    const have = referenceNumberKey(ref.target.number);
    if (want && (have === want || (/\D/.test(want) && have.startsWith(want)) || looseNumberKey(ref.target.number) === want)) return true;
  }
  if (ref.target.title && /\p{L}{3}/u.test(q)) {
    const want = textKey(q);
    return want.length >= 4 && textKey(ref.target.title).includes(want);
  }
  return false;
}
