/**
 * Policy memory over the whole library: what each document cites, resolved to
 * the library's own documents, and each document's validity (in force,
 * replaced, amended…) with the passage that says so. Built from the catalogue
 * on demand and cached until the catalogue changes.
 */
import path from 'node:path';
import type { Catalogue } from '../store/catalogue.js';
import { relationsColumn } from '../store/json-columns.js';
import type { Overrides } from './overrides.js';
import type { Reference } from '../analyze/references/index.js';
import { resolveReferences } from './resolve.js';
import { deriveStatus, documentRelations, type DocumentStatus, type DocumentWithRelations } from './status.js';
import type { DocumentReport } from '../api/documents.js';

export type { DocumentReport };

export class PolicyView {
  private readonly byPath = new Map<string, DocumentWithRelations>();
  private readonly all: DocumentWithRelations[];

  constructor(
    private readonly catalogue: Catalogue,
    private readonly overrides: Overrides,
    private readonly today = new Date(),
  ) {
    const docs = catalogue.all();
    const library = docs.map((d) => ({ id: d.id, path: d.path, metadata: catalogue.metadataOf(d) }));
    this.all = docs.map((d) => {
      const stored = relationsColumn.decode(d.relations);
      const entry: DocumentWithRelations = {
        id: d.id, path: d.path, metadata: catalogue.metadataOf(d),
        references: resolveReferences(stored.references, library, { selfPath: d.path }), effective: stored.effective,
      };
      this.byPath.set(d.path, entry);
      return entry;
    });
  }

  status(docPath: string): DocumentStatus | null {
    const doc = this.byPath.get(docPath);
    // Overrides are kept by document id (it survives moves and renames); older ones by path.
    return doc ? deriveStatus(doc, this.all, this.today, (doc.id ? this.overrides.get(doc.id) : null) ?? this.overrides.get(docPath) ?? null) : null;
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
