/**
 * Points the references a document makes at the library's own documents: by
 * number first (the one key of common/doc-numbers.ts, with or without the year),
 * else, for laws and other documents cited by title, by kind + title + date.
 * A reference that resolves nowhere is external (`path: null`).
 */
import type { DocumentMetadata } from '../api/contract.js';
import { looseNumberKey, referenceNumberKey, yearOfNumber } from '../common/doc-numbers.js';
import { kindName } from '../common/doc-types.js';
import { textKey } from '../common/fold.js';
import type { Reference, ReferenceTarget } from '../analyze/references/types.js';

/** A document of the library, as resolution and status need it. */
export interface LibraryDocument {
  id?: string | null;
  path: string;
  metadata: DocumentMetadata | null;
}

export interface ResolvedTarget extends ReferenceTarget {
  /** Path of the library document it resolved to, or null (an external reference). */
  path: string | null;
  documentId: string | null;
}

export interface ResolvedReference extends Reference {
  target: ResolvedTarget;
  /** How it was resolved, or null when it was not. */
  resolvedBy: 'number' | 'title' | null;
}

/** The year of a document: its date's, else its number's. */
function yearOf(number: string | null, date: string | null): number | null {
  if (date) return Number(date.slice(0, 4));
  return number ? yearOfNumber(number) : null;
}

function titleWords(s: string): string[] {
  return textKey(s).split(' ').filter(Boolean);
}

/** Share of the reference title's words found, in order-insensitive overlap, in the candidate's title/summary. */
function titleOverlap(refTitle: string, docTitle: string): number {
  const a = titleWords(refTitle);
  const b = new Set(titleWords(docTitle));
  if (a.length === 0 || b.size === 0) return 0;
  return a.filter((w) => b.has(w)).length / a.length;
}

/**
 * Points references at library documents: by number (case, accents, Đ/D, spaces,
 * separators and leading zeros ignored; a number without its year matches when
 * the years agree; differing dates reject a match on a number without a year),
 * else by kind + title + date. Unresolved references keep `path: null`.
 */
export function resolveReferences(refs: Reference[], library: LibraryDocument[], options: { selfPath?: string | null } = {}): ResolvedReference[] {
  const byKey = new Map<string, LibraryDocument[]>();
  const byLoose = new Map<string, LibraryDocument[]>();
  for (const doc of library) {
    const n = doc.metadata?.number;
    if (!n) continue;
    const k = referenceNumberKey(n);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(doc);
    const l = looseNumberKey(n);
    if (!byLoose.has(l)) byLoose.set(l, []);
    byLoose.get(l)!.push(doc);
  }
  const notSelf = (d: LibraryDocument) => !options.selfPath || d.path !== options.selfPath;

  return refs.map((ref) => {
    const t = ref.target;
    let match: LibraryDocument | null = null;
    let resolvedBy: ResolvedReference['resolvedBy'] = null;
    if (t.number) {
      const hasYear = /[/-](?:19|20)\d{2}(?=[/-])/.test(t.number);
      const exact = (byKey.get(referenceNumberKey(t.number)) ?? []).filter(notSelf);
      const compatible = exact.filter((d) => {
        const dd = d.metadata?.date ?? null;
        if (!t.date || !dd || t.date === dd) return true;
        return hasYear && yearOf(t.number, null) === Number(dd.slice(0, 4));
      });
      if (compatible.length) match = pickBest(compatible, t);
      else {
        const loose = (byLoose.get(looseNumberKey(t.number)) ?? []).filter(notSelf).filter((d) => {
          const ry = yearOf(t.number, t.date);
          const dy = yearOf(d.metadata?.number ?? null, d.metadata?.date ?? null);
          return ry !== null && dy !== null && ry === dy && (!t.date || !d.metadata?.date || t.date === d.metadata.date);
        });
        if (loose.length) match = pickBest(loose, t);
      }
      if (match) resolvedBy = 'number';
    }
    if (!match && t.title && t.kind) {
      const want = t.title.replace(new RegExp(`^${kindName(t.kind) ?? ''}\\s+`, 'iu'), '');
      let best: { doc: LibraryDocument; score: number } | null = null;
      for (const doc of library) {
        if (!notSelf(doc) || !doc.metadata) continue;
        if (doc.metadata.type !== t.kind) continue;
        if (t.date && doc.metadata.date && t.date !== doc.metadata.date) continue;
        if (t.number && doc.metadata.number) continue; // both numbered and different: not the same document
        const names = [doc.metadata.summary, doc.metadata.title].filter((s): s is string => !!s);
        const score = Math.max(0, ...names.map((n) => Math.min(titleOverlap(want, n), titleOverlap(n, want) + 0.2)));
        const dateBonus = t.date && doc.metadata.date === t.date ? 0.1 : 0;
        if (score >= 0.8 && (!best || score + dateBonus > best.score)) best = { doc, score: score + dateBonus };
      }
      if (best) {
        match = best.doc;
        resolvedBy = 'title';
      }
    }
    return {
      ...ref,
      target: { ...t, path: match?.path ?? null, documentId: match?.id ?? null },
      resolvedBy,
    };
  });
}

function pickBest(docs: LibraryDocument[], t: ReferenceTarget): LibraryDocument {
  if (docs.length === 1) return docs[0]!;
  const scored = docs.map((d) => ({ d, s: (t.date && d.metadata?.date === t.date ? 2 : 0) + (t.kind && d.metadata?.type === t.kind ? 1 : 0) }));
  scored.sort((a, b) => b.s - a.s || a.d.path.localeCompare(b.d.path));
  return scored[0]!.d;
}
