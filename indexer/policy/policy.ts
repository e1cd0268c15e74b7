/**
 * Policy memory over the whole library: what each document cites, resolved to
 * the library's own documents, and each document's validity (in force,
 * replaced, amended…) with the passage that says so. Built from the catalogue
 * on demand and cached until the catalogue changes (library/document-views.ts
 * keeps one view per catalogue version).
 *
 * Within one view, validity is worked out once per document: search reads it
 * for every candidate, every facet count and every `hieuluc:` filter, and
 * deriving it anew on each call cost 39 % of a query at 520 documents
 * (issue 14). The user's overrides are read live, so a decision shows at once.
 */
import path from 'node:path';
import type { Catalogue } from '../store/catalogue.js';
import { relationsColumn } from '../store/json-columns.js';
import type { Overrides } from './overrides.js';
import type { Reference } from '../analyze/references/index.js';
import { resolveReferences, type LibraryDocument, type ResolvedReference } from './resolve.js';
import { deriveStatus, documentRelations, type DocumentStatus, type DocumentWithRelations } from './status.js';
import type { DocumentReport } from '../api/documents.js';

export type { DocumentReport };

export class PolicyView {
  private readonly byPath = new Map<string, DocumentWithRelations>();
  private readonly all: DocumentWithRelations[];
  /** Per target (document id, else path): the documents whose references point at it. */
  private readonly referrers = new Map<string, DocumentWithRelations[]>();
  /** The status each document has from the library (no override), worked out once. */
  private readonly derived = new Map<string, DocumentStatus>();
  private readonly day: string;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly overrides: Overrides,
    private readonly today = new Date(),
  ) {
    this.day = today.toISOString().slice(0, 10);
    const docs = catalogue.all();
    const library = docs.map((d) => ({ id: d.id, path: d.path, metadata: catalogue.metadataOf(d) }));
    const stored = docs.map((d) => relationsColumn.decode(d.relations));
    const resolved = resolveAll(stored.map((s) => s.references), library);
    this.all = docs.map((d, i) => {
      const entry: DocumentWithRelations = {
        id: d.id, path: d.path, metadata: catalogue.metadataOf(d), references: resolved[i]!, effective: stored[i]!.effective,
      };
      this.byPath.set(d.path, entry);
      return entry;
    });
    for (const doc of this.all) {
      const targets = new Set<string>();
      for (const ref of doc.references) {
        const key = ref.target.documentId ? `id:${ref.target.documentId}` : ref.target.path ? `path:${ref.target.path}` : null;
        if (key) targets.add(key);
      }
      for (const key of targets) (this.referrers.get(key) ?? this.referrers.set(key, []).get(key)!).push(doc);
    }
  }

  /** The documents that could say something about `doc`: those whose references point at it. */
  private referrersOf(doc: DocumentWithRelations): DocumentWithRelations[] {
    const byId = doc.id ? this.referrers.get(`id:${doc.id}`) ?? [] : [];
    const byPath = this.referrers.get(`path:${doc.path}`) ?? [];
    return byPath.length === 0 ? byId : [...new Set([...byId, ...byPath])];
  }

  status(docPath: string): DocumentStatus | null {
    const doc = this.byPath.get(docPath);
    if (!doc) return null;
    // Overrides are kept by document id (it survives moves and renames); older ones by path.
    const override = (doc.id ? this.overrides.get(doc.id) : null) ?? this.overrides.get(docPath) ?? null;
    if (override) return deriveStatus(doc, [], this.today, override);
    let status = this.derived.get(docPath);
    if (!status) this.derived.set(docPath, (status = deriveStatus(doc, this.referrersOf(doc), this.today, null)));
    return status;
  }

  /**
   * Whether the user has decided some document's status: while none has, a
   * document's status is fixed for this view and search may keep it (facets.ts).
   */
  hasOverrides(): boolean {
    return this.overrides.size > 0;
  }

  /** The ISO day validity was worked out for: a view kept past midnight is rebuilt by its owner. */
  get asOf(): string {
    return this.day;
  }

  /** `kho doc`: metadata, status with evidence, and relations in both directions. */
  report(docPath: string): DocumentReport | null {
    const doc = this.byPath.get(docPath);
    const row = this.catalogue.byPath(docPath);
    if (!doc || !row) return null;
    const status = this.status(docPath)!;
    // The evidence names its document only when it is another one (the replacing decision, say).
    const elsewhere = status.evidence?.path && status.evidence.path !== row.path ? { path: status.evidence.path } : {};
    const evidence = status.evidence ? { text: status.evidence.text, page: status.evidence.page, section: status.evidence.section, ...elsewhere } : null;
    return {
      path: row.path,
      title: row.title || path.basename(row.path),
      metadata: this.catalogue.metadataOf(row),
      status: { value: status.value, evidence, source: status.source, note: status.note ?? null, since: status.since, by: status.by },
      relations: documentRelations(doc, this.all),
    };
  }

  /** Documents whose references point at `number` (the `lienquan:` filter). */
  referring(matches: (ref: Reference) => boolean): Set<string> {
    return new Set(this.all.filter((d) => d.references.some(matches)).map((d) => d.id!).filter(Boolean));
  }
}

/**
 * Every document's references resolved against the library in one pass (the
 * number index is built once, not once per document). A reference that
 * resolved to its own document is resolved again with the document left out,
 * which gives exactly what resolving that document alone would.
 */
function resolveAll(lists: Reference[][], library: LibraryDocument[]): ResolvedReference[][] {
  const flat = lists.flat();
  if (flat.length === 0) return lists.map(() => []);
  const resolved = resolveReferences(flat, library);
  const out: ResolvedReference[][] = [];
  let at = 0;
  lists.forEach((refs, i) => {
    const mine = resolved.slice(at, at + refs.length);
    at += refs.length;
    const self = library[i]!.path;
    out.push(mine.some((r) => r.target.path === self) ? resolveReferences(refs, library, { selfPath: self }) : mine);
  });
  return out;
}
