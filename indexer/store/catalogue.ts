/**
 * The document catalogue in memory, kept in step with its LanceDB table: one
 * row per distinct content, found by path (its own or an identical copy's),
 * by content key (to recognise moved files and copies), or by id.
 */
import { createHash } from 'node:crypto';
import type { DocumentMetadata } from '../api/contract.js';
import { aliasesColumn, metadataColumn } from './json-columns.js';
import type { DocumentRow, LanceStore } from './lance.js';

/** A new document's id: from the path where it was first seen (stable when it moves later). */
export function documentId(filePath: string): string {
  return createHash('sha256').update(filePath, 'utf8').digest('hex').slice(0, 24);
}

export class Catalogue {
  private readonly byId = new Map<string, DocumentRow>();
  private readonly pathIndex = new Map<string, string>();
  private readonly keyIndex = new Map<string, string>();
  private readonly metadataCache = new Map<string, DocumentMetadata | null>();

  constructor(
    private readonly store: LanceStore,
    rows: DocumentRow[],
  ) {
    for (const row of rows) this.index(row);
  }

  static async load(store: LanceStore): Promise<Catalogue> {
    return new Catalogue(store, await store.allDocuments());
  }

  /** Other paths holding the same content as the document. */
  static aliasesOf(doc: DocumentRow): string[] {
    return aliasesColumn.decode(doc.aliases);
  }

  /** The document's metadata, parsed once. */
  metadataOf(doc: DocumentRow): DocumentMetadata | null {
    if (!this.metadataCache.has(doc.id)) this.metadataCache.set(doc.id, metadataColumn.decode(doc.metadata));
    return this.metadataCache.get(doc.id) ?? null;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): DocumentRow | undefined {
    return this.byId.get(id);
  }

  all(): DocumentRow[] {
    return [...this.byId.values()];
  }

  /** The document at a path: its own file or one of its identical copies. */
  byPath(filePath: string): DocumentRow | undefined {
    const id = this.pathIndex.get(filePath);
    return id ? this.byId.get(id) : undefined;
  }

  byKey(key: string): DocumentRow | undefined {
    const id = this.keyIndex.get(key);
    return id ? this.byId.get(id) : undefined;
  }

  /** A fresh id for a new document first seen at `filePath`. */
  newId(filePath: string): string {
    let id = documentId(filePath);
    for (let n = 1; this.byId.has(id); n++) id = documentId(`${filePath}#${n}`);
    return id;
  }

  private index(row: DocumentRow): void {
    this.byId.set(row.id, row);
    this.pathIndex.set(row.path, row.id);
    for (const alias of Catalogue.aliasesOf(row)) this.pathIndex.set(alias, row.id);
    this.keyIndex.set(row.key, row.id);
  }

  private unindex(row: DocumentRow): void {
    this.byId.delete(row.id);
    this.metadataCache.delete(row.id);
    for (const p of [row.path, ...Catalogue.aliasesOf(row)]) if (this.pathIndex.get(p) === row.id) this.pathIndex.delete(p);
    if (this.keyIndex.get(row.key) === row.id) this.keyIndex.delete(row.key);
  }

  async save(row: DocumentRow): Promise<void> {
    await this.saveAll([row]);
  }

  async saveAll(rows: DocumentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.store.upsertDocuments(rows);
    for (const row of rows) {
      const old = this.byId.get(row.id);
      if (old) this.unindex(old);
      this.index(row);
    }
  }

  async addAlias(id: string, filePath: string): Promise<void> {
    const doc = this.byId.get(id);
    if (!doc) return;
    const aliases = Catalogue.aliasesOf(doc);
    if (doc.path === filePath || aliases.includes(filePath)) return;
    await this.save({ ...doc, aliases: aliasesColumn.encode([...aliases, filePath].sort()) });
  }

  async removeAlias(id: string, filePath: string): Promise<void> {
    const doc = this.byId.get(id);
    if (!doc) return;
    await this.save({ ...doc, aliases: aliasesColumn.encode(Catalogue.aliasesOf(doc).filter((p) => p !== filePath)) });
  }

  /** Remove documents and everything derived from them from every store. */
  async remove(ids: string[], vectorTables: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.store.deleteDocuments(ids, vectorTables);
    for (const id of ids) {
      const row = this.byId.get(id);
      if (row) this.unindex(row);
    }
  }

  /** Whether a path is a document of the library (its own file or a copy). */
  has(filePath: string): boolean {
    return this.pathIndex.has(filePath);
  }
}
