/**
 * A document's validity inside one library — in force, not yet, expired,
 * replaced, amended, or unknown — with the sentence that says so: a user's
 * override, else what the library's other documents in force say about it (they
 * replace, repeal or amend it), else its own effective-date clause while that
 * is still evidence for its type and age (common/validity-rule.ts). "In force"
 * is a claim backed by evidence, never the default. And its relations both
 * ways, in the shape `kho doc` and the document page show.
 */
import type { ValidityStatus } from '../api/contract.js';
import type { DocumentRelation, DocumentStatusReport, Evidence, ReferenceType } from '../api/documents.js';
import { addDays, toIsoDay } from '../common/dates.js';
import { clauseStillEvidence, typeFromClause } from '../common/validity-rule.js';
import type { EffectiveDate } from '../analyze/references/types.js';
import type { LibraryDocument, ResolvedReference } from './resolve.js';

/** The API's validity values, under the name the policy code has always used. */
export type StatusValue = ValidityStatus;

export const STATUS_VALUES: readonly StatusValue[] = ['in-force', 'not-yet', 'expired', 'replaced', 'amended', 'unknown'];

/** A user's decision about a document's status (see overrides.ts). */
export interface StatusOverride {
  value: StatusValue;
  note?: string | null;
  /** ISO time it was set. */
  at?: string;
}

/** The passage behind a status and the document it is in: this one (its own clause) or the one that replaces/repeals/amends it. */
export interface StatusEvidence extends Evidence {
  path: string | null;
}

/** The API's status report with every field the derivation always fills. */
export interface DocumentStatus extends DocumentStatusReport {
  evidence: StatusEvidence | null;
  by: NonNullable<DocumentStatusReport['by']> | null;
  /** ISO date the value holds from, when known (effective date, or the replacing document's). */
  since: string | null;
}

/** A library document with what the indexer stored for it. */
export interface DocumentWithRelations extends LibraryDocument {
  references: ResolvedReference[];
  effective: EffectiveDate | null;
}

function sameDoc(ref: ResolvedReference, doc: LibraryDocument): boolean {
  if (ref.target.documentId && doc.id) return ref.target.documentId === doc.id;
  return ref.target.path !== null && ref.target.path === doc.path;
}

/** When a document's own provisions take effect: its effective date, else its issue date. */
function effectiveFrom(doc: DocumentWithRelations): string | null {
  const e = doc.effective;
  if (e?.date) return e.date;
  // The issue date counts only when the identity is sure of it (not OCR gone wrong, not a cited document's date).
  const issued = doc.metadata?.unsure?.date ? null : (doc.metadata?.date ?? null);
  if (e && e.value === 'date' && e.afterDays !== undefined && issued) return addDays(issued, e.afterDays);
  return issued;
}

/** The document's type slug: its metadata's, else the one its own effective-date clause names ("Luật này …"). */
export function validityType(doc: Pick<DocumentWithRelations, 'metadata' | 'effective'>): string | null {
  return doc.metadata?.type ?? typeFromClause(doc.effective?.evidence.text);
}

/**
 * A document's status on `today` (ISO date or Date):
 * 1. a user override, kept as given;
 * 2. what other library documents in force say about it — replaced ("thay thế") →
 *    `replaced`, repealed ("bãi bỏ", "hết hiệu lực") → `expired`, with that
 *    document's sentence as evidence (a replacing document not yet in force
 *    changes nothing yet); amended → `amended` while the newest amendment is
 *    still evidence for the document's type (validity-rule.ts), else `unknown`
 *    with the amending sentence kept as what was found;
 * 3. its own effective-date clause → `not-yet`, or `in-force` while the clause is
 *    still evidence for the document's type and age; an older or undated clause
 *    gives `unknown`, the clause kept as evidence of what was found;
 * 4. otherwise `unknown`.
 */
export function deriveStatus(
  doc: DocumentWithRelations,
  allDocs: DocumentWithRelations[],
  today: string | Date,
  override?: StatusOverride | null,
): DocumentStatus {
  const day = toIsoDay(today);
  if (override) {
    return { value: override.value, evidence: null, source: 'override', by: null, since: override.at?.slice(0, 10) ?? null, note: override.note ?? null };
  }
  interface Event { from: DocumentWithRelations; ref: ResolvedReference; since: string | null }
  const events: Event[] = [];
  for (const other of allDocs) {
    if (other.path === doc.path) continue;
    for (const ref of other.references) {
      if (ref.type !== 'replaces' && ref.type !== 'repeals' && ref.type !== 'amends') continue;
      if (!sameDoc(ref, doc)) continue;
      const since = effectiveFrom(other);
      if (since && since > day) continue; // not in force yet: nothing has happened to this document
      events.push({ from: other, ref, since });
    }
  }
  const pick = (types: ReferenceType[]) =>
    events.filter((e) => types.includes(e.ref.type)).sort((a, b) => (a.since ?? '').localeCompare(b.since ?? ''))[0];
  const ending = pick(['replaces', 'repeals']);
  const amending = ending ? undefined : events.filter((e) => e.ref.type === 'amends').sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''))[0];
  const chosen = ending ?? amending;
  const type = validityType(doc);
  if (chosen) {
    let value: StatusValue = chosen.ref.type === 'replaces' ? 'replaced' : chosen.ref.type === 'repeals' ? 'expired' : 'amended';
    // "Amended" says the document was in force when amended; long after, that is no evidence it still is.
    if (value === 'amended' && !clauseStillEvidence(type, chosen.since ?? effectiveFrom(doc), day)) value = 'unknown';
    return {
      value,
      evidence: { text: chosen.ref.evidence.text, page: chosen.ref.evidence.page, section: chosen.ref.evidence.section, path: chosen.from.path },
      source: 'library',
      by: { path: chosen.from.path, documentId: chosen.from.id ?? null, number: chosen.from.metadata?.number ?? null, type: chosen.ref.type },
      since: value === 'unknown' ? null : chosen.since,
    };
  }
  const e = doc.effective;
  if (e) {
    const evidence: StatusEvidence = { text: e.evidence.text, page: e.evidence.page, section: e.evidence.section, path: doc.path };
    const from = effectiveFrom(doc);
    if (from && from > day) return { value: 'not-yet', evidence, source: 'own', by: null, since: from };
    // In force only while the clause is evidence for this type and age; an undated clause never is.
    if (from && clauseStillEvidence(type, from, day)) return { value: 'in-force', evidence, source: 'own', by: null, since: from };
    return { value: 'unknown', evidence, source: 'own', by: null, since: null };
  }
  return { value: 'unknown', evidence: null, source: 'none', by: null, since: null };
}

/**
 * A document's relations in both directions, in the `kho doc --json` shape:
 * `out` — the references it makes; `in` — references other library documents make
 * to it (the target is then the citing document, described by its metadata).
 */
export function documentRelations(doc: DocumentWithRelations, allDocs: DocumentWithRelations[]): DocumentRelation[] {
  const out: DocumentRelation[] = doc.references.map((r) => ({
    direction: 'out',
    type: r.type,
    target: { kind: r.target.kind, number: r.target.number, date: r.target.date, issuer: r.target.issuer, title: r.target.title, path: r.target.path },
    evidence: { text: r.evidence.text, page: r.evidence.page, section: r.evidence.section },
  }));
  const incoming: DocumentRelation[] = [];
  for (const other of allDocs) {
    if (other.path === doc.path) continue;
    for (const r of other.references) {
      if (!sameDoc(r, doc)) continue;
      const m = other.metadata;
      incoming.push({
        direction: 'in',
        type: r.type,
        target: { kind: m?.type ?? null, number: m?.number ?? null, date: m?.date ?? null, issuer: m?.issuerName ?? m?.issuer ?? null, title: m?.summary ?? m?.title ?? null, path: other.path },
        evidence: { text: r.evidence.text, page: r.evidence.page, section: r.evidence.section },
      });
    }
  }
  return [...out, ...incoming];
}

