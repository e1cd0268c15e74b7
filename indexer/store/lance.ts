/**
 * LanceDB, and only LanceDB, lives here: the store that holds the document
 * catalogue, the passages with their keyword terms (full-text index), and one
 * vector table per model (vectors.ts). Row types and schemas are rows.ts;
 * opening and repairing tables is open-table.ts; filters are built by sql.ts.
 *
 * Body-text keyword search uses LanceDB's native full-text index over a column
 * of our own Vietnamese terms (syllables + bigrams, exact + folded), split on
 * whitespace only: it answered short queries in ~5 ms at 100,000 passages
 * where one MiniSearch index took 230 ms median (../shared/ARCHITECTURE.md).
 */
import './lance-env.js'; // before LanceDB loads: its thread pool size
import * as lancedb from '@lancedb/lancedb';
import { versionPrefix } from './ids.js';
import { cleanupOptions, openTable, type OpenTableOptions } from './open-table.js';
import {
  documentSchema, PASSAGE_COLUMNS, passageSchema, toStoredPassage, vectorSchema,
  type DocumentRow, type PassageRow, type RankedId, type StoredPassage,
} from './rows.js';
import { DELETE_CHUNK, equals, inList, startsWith } from './sql.js';
import { VectorTable } from './vectors.js';

// Importers know the store by this module; the pieces live beside it.
export type { DocumentRow, PassageRow, RankedId, StoredPassage } from './rows.js';
export { KEEP_VERSIONS_MS, openTable, type OpenTableOptions } from './open-table.js';
export { ANN_MIN_ROWS, VectorTable } from './vectors.js';

const DOCUMENTS = 'documents';
const PASSAGES = 'passages';

export class LanceStore {
  /** The full-text index is known to exist (it is never dropped while the store is open). */
  private fullTextReady = false;
  /** Vector tables handed out, refreshed with the others. */
  private readonly vectorTables = new Set<lancedb.Table>();
  private constructor(
    private readonly db: lancedb.Connection,
    private readonly documents: lancedb.Table,
    private readonly passages: lancedb.Table,
  ) {}

  /** Open (creating if needed and allowed) the store in `dir`; read errors are reported, never repaired (see `openTable`). */
  static async open(dir: string, options: OpenTableOptions = {}): Promise<LanceStore> {
    const db = await lancedb.connect(dir);
    try {
      const documents = await openTable(db, dir, DOCUMENTS, documentSchema, options);
      const passages = await openTable(db, dir, PASSAGES, passageSchema, options);
      return new LanceStore(db, documents, passages);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Move every open table to its newest committed version (another process may
   * have written) and return the catalogue's version: a reader compares it
   * with the one its in-memory views were built from.
   */
  async refreshToLatest(): Promise<number> {
    await this.documents.checkoutLatest();
    await this.passages.checkoutLatest();
    for (const table of this.vectorTables) await table.checkoutLatest();
    return this.documents.version();
  }

  /** The catalogue table's version as this handle sees it. */
  catalogueVersion(): Promise<number> {
    return this.documents.version();
  }

  close(): void {
    this.documents.close();
    this.passages.close();
    this.db.close();
  }

  // ---- documents ----

  async allDocuments(): Promise<DocumentRow[]> {
    const rows = await this.documents.query().toArray();
    return rows.map((r) => ({ ...(r as DocumentRow) }));
  }

  async upsertDocuments(rows: DocumentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.documents.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(rows);
  }

  /** Remove documents and everything derived from them, in every table. */
  async deleteDocuments(ids: string[], vectorTables: string[]): Promise<void> {
    if (ids.length === 0) return;
    const filter = `docId IN ${inList(ids)}`;
    // Passages and vectors first: a crash in between leaves a catalogue entry
    // whose passages are gone, which the next run re-indexes, never orphans.
    for (const name of vectorTables) await (await this.db.openTable(name)).delete(filter);
    await this.passages.delete(filter);
    await this.documents.delete(`id IN ${inList(ids)}`);
  }

  /** Delete passages (and their vectors) by id, in bounded filter sizes. */
  async deletePassagesByIds(ids: string[], vectorTables: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      const filter = `id IN ${inList(ids.slice(i, i + DELETE_CHUNK))}`;
      for (const name of vectorTables) await (await this.db.openTable(name)).delete(filter);
      await this.passages.delete(filter);
    }
  }

  /** For each [docId, key]: delete that document's passages (and vectors) of any other version. */
  async deleteStalePassages(docKeys: Array<[string, string]>, vectorTables: string[]): Promise<void> {
    for (let i = 0; i < docKeys.length; i += DELETE_CHUNK) {
      const filter = docKeys
        .slice(i, i + DELETE_CHUNK)
        .map(([docId, key]) => `(${equals('docId', docId)} AND NOT ${startsWith('id', versionPrefix(docId, key))})`)
        .join(' OR ');
      for (const name of vectorTables) await (await this.db.openTable(name)).delete(filter);
      await this.passages.delete(filter);
    }
  }

  // ---- passages ----

  async addPassages(rows: PassageRow[]): Promise<void> {
    if (rows.length > 0) await this.passages.add(rows);
  }

  async countPassages(): Promise<number> {
    return this.passages.countRows();
  }

  async passageIds(): Promise<Set<string>> {
    const rows = await this.passages.query().select(['id']).toArray();
    return new Set(rows.map((r) => r.id as string));
  }

  /** Passages by id, in no particular order. */
  async passagesByIds(ids: string[]): Promise<StoredPassage[]> {
    if (ids.length === 0) return [];
    const rows = await this.passages.query().where(`id IN ${inList(ids)}`).select(PASSAGE_COLUMNS).toArray();
    return rows.map(toStoredPassage);
  }

  /** Passages (without vectors) in batches — all of them, or one document's — for embedding what is missing, the viewer, checks. */
  async *passagesWhere(where: { docId: string } | null, batchSize: number): AsyncGenerator<StoredPassage[]> {
    let query = this.passages.query().select(PASSAGE_COLUMNS);
    if (where) query = query.where(equals('docId', where.docId));
    let batch: StoredPassage[] = [];
    for await (const recordBatch of query) {
      for (const row of recordBatch.toArray()) {
        batch.push(toStoredPassage(row));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  /**
   * Keyword search: BM25 over the terms column, best first. `where` (sql.ts
   * `docIdFilter`) is applied before ranking, so a filtered query ranks every
   * passage of the documents it keeps.
   */
  async keywordSearch(terms: string[], limit: number, where?: string | null): Promise<RankedId[]> {
    if (terms.length === 0 || !(await this.fullTextIndexed())) return [];
    let query = this.passages.query().fullTextSearch(terms.join(' '), { columns: ['terms'] });
    if (where) query = query.where(where);
    const rows = await query.select(['id', '_score']).limit(limit).toArray();
    return rows.map((r) => ({ id: r.id as string, score: r._score as number }));
  }

  /**
   * The passages holding every term (`all`) or any term (`any`), by BM25 over
   * those terms, at most `limit` of them: the match set search counts, pages
   * and facets (search/first-stage.ts). One term per query word (its exact
   * form when typed with accents, else its folded form).
   */
  async matchTerms(terms: string[], mode: 'all' | 'any', limit: number, where?: string | null): Promise<RankedId[]> {
    if (terms.length === 0 || !(await this.fullTextIndexed())) return [];
    const match = new lancedb.MatchQuery(terms.join(' '), 'terms', { operator: mode === 'all' ? lancedb.Operator.And : lancedb.Operator.Or });
    let query = this.passages.query().fullTextSearch(match);
    if (where) query = query.where(where);
    // Read as columns: up to MATCH_CAP rows, where building one object per row cost more than the search.
    const table = await query.select(['id', '_score']).limit(limit).toArrow();
    const ids = table.getChild('id')?.toArray() as string[] | undefined;
    const scores = table.getChild('_score')?.toArray() as Float32Array | undefined;
    if (!ids || !scores) return [];
    const out: RankedId[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = { id: ids[i]!, score: scores[i]! };
    return out;
  }

  /** Each document's first passage (filter-only listings show it), in no particular order. */
  async firstPassages(docIds: string[]): Promise<StoredPassage[]> {
    if (docIds.length === 0) return [];
    const rows = await this.passages.query().where(`docId IN ${inList(docIds)} AND ordinal = 0`).select(PASSAGE_COLUMNS).toArray();
    return rows.map(toStoredPassage);
  }

  /** Once the index is known to exist, a query costs one full-text search (no row count, no index listing). */
  private async fullTextIndexed(): Promise<boolean> {
    if (!this.fullTextReady) {
      if ((await this.passages.countRows()) === 0) return false;
      await this.ensureFullTextIndex();
      this.fullTextReady = true;
    }
    return true;
  }

  /**
   * The full-text index on the terms column: whitespace-split only, no case,
   * stemming, stop-word or ASCII folding — our tokenizer already did all that.
   * Rows added after the index was built are still searched (flat), and
   * `optimize` folds them into the index.
   */
  async ensureFullTextIndex(): Promise<void> {
    const indices = await this.passages.listIndices();
    if (indices.some((i) => i.columns.includes('terms'))) return;
    await this.passages.createIndex('terms', {
      config: lancedb.Index.fts({
        baseTokenizer: 'whitespace',
        lowercase: false,
        stem: false,
        removeStopWords: false,
        asciiFolding: false,
        // Phrases are checked on passage text (search.ts): positions would only make the index bigger.
        withPosition: false,
        maxTokenLength: 80,
      }),
    });
  }

  // ---- vectors ----

  async vectorTableNames(): Promise<string[]> {
    return (await this.db.tableNames()).filter((n) => n.startsWith('vectors_'));
  }

  async openVectors(name: string, dims: number): Promise<VectorTable> {
    const names = new Set(await this.db.tableNames());
    const table = names.has(name) ? await this.db.openTable(name) : await this.db.createEmptyTable(name, vectorSchema(dims));
    this.vectorTables.add(table);
    return new VectorTable(table);
  }

  /** Only when the user changed the embedding model (its vectors are rebuilt from the passages). */
  async dropVectors(name: string): Promise<void> {
    await this.db.dropTable(name);
  }

  /**
   * Scalar indexes on the passages' `id` and `docId`: search fetches passages
   * by id and filters by document before ranking (`docId IN …`); at 100,000
   * passages each lookup scanned the column (~15 ms for 100 ids).
   */
  async ensureScalarIndexes(): Promise<void> {
    const indices = await this.passages.listIndices();
    for (const column of ['id', 'docId']) {
      if (!indices.some((i) => i.columns.length === 1 && i.columns[0] === column)) {
        await this.passages.createIndex(column, { config: lancedb.Index.btree() });
      }
    }
  }

  /** Fold new rows into the indexes and compact small fragments. */
  async optimize(): Promise<void> {
    if ((await this.passages.countRows()) > 0) {
      await this.ensureFullTextIndex();
      await this.ensureScalarIndexes();
    }
    await this.passages.optimize(cleanupOptions());
    await this.documents.optimize(cleanupOptions());
  }
}
