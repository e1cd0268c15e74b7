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
import { settleTable } from './settle.js';
import {
  documentSchema, PASSAGE_COLUMNS, passageSchema, toStoredPassage, vectorSchema,
  type DocumentRow, type PassageRow, type RankedId, type StoredPassage,
} from './rows.js';
import { DELETE_CHUNK, equals, inList, startsWith } from './sql.js';
import { idBytes, rowIdNumbers, type RankedIdBytes } from './row-ids.js';
import { VectorTable } from './vectors.js';
import { VersionStamp } from './version-stamp.js';

// Importers know the store by this module; the pieces live beside it.
export type { DocumentRow, PassageRow, RankedId, StoredPassage } from './rows.js';

export { KEEP_VERSIONS_MS, openTable, type OpenTableOptions } from './open-table.js';
export { ANN_MIN_ROWS, VectorTable } from './vectors.js';
export type { RankedIdBytes } from './row-ids.js';

const DOCUMENTS = 'documents';
/** Row addresses remembered (passagesByIds) before starting afresh: a few searches' candidates. */
const ROW_IDS_KEPT = 5_000;
const PASSAGES = 'passages';

export class LanceStore {
  /** The full-text index is known to exist (it is never dropped while the store is open). */
  private fullTextReady = false;
  /** Row addresses of passages keyword search returned, valid for one version of the passages table. */
  private readonly rowIds = new Map<string, bigint>();
  private rowIdsVersion = -1;
  /** Vector tables handed out, refreshed with the others. */
  private readonly vectorTables = new Set<lancedb.Table>();
  /** Local folders only: skips asking LanceDB for newer versions when no `_versions/` folder changed (version-stamp.ts). */
  private stamp: VersionStamp | null = null;
  private constructor(
    private readonly db: lancedb.Connection,
    private readonly documents: lancedb.Table,
    private readonly passages: lancedb.Table,
  ) {}

  /** Open (creating if needed and allowed) the store in `dir`; read errors are reported, never repaired (see `openTable`). */
  static async open(dir: string, options: OpenTableOptions = {}): Promise<LanceStore> {
    // On object storage (`s3://…`) LanceDB reaches the bucket with the storage options given (never stored).
    const db = await lancedb.connect(dir, options.storageOptions ? { storageOptions: options.storageOptions } : undefined);
    try {
      const documents = await openTable(db, dir, DOCUMENTS, documentSchema, options);
      const passages = await openTable(db, dir, PASSAGES, passageSchema, options);
      const store = new LanceStore(db, documents, passages);
      // Object storage has no folder times (its readers refresh on their own schedule, library/remote.ts).
      if (!options.storageOptions) store.stamp = new VersionStamp(dir, () => [DOCUMENTS, PASSAGES, ...store.vectorNames]);
      return store;
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
    if (this.stamp && (await this.stamp.unchanged())) return this.documents.version();
    const before = await this.stamp?.take();
    await this.documents.checkoutLatest();
    await this.passages.checkoutLatest();
    for (const table of this.vectorTables) await table.checkoutLatest();
    await this.stamp?.keep(before ?? null);
    return this.documents.version();
  }

  /** Names of the vector tables handed out (their `_versions/` folders are part of the stamp). */
  private get vectorNames(): string[] {
    return [...this.vectorTables].map((table) => table.name);
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

  /**
   * Passages by id, in no particular order. Those keyword search just ranked
   * are taken by row address (a third less than looking the ids up), checked
   * by id; the rest, and all of them once the table has moved on, by id.
   */
  async passagesByIds(ids: string[]): Promise<StoredPassage[]> {
    if (ids.length === 0) return [];
    const out: StoredPassage[] = [];
    let rest = ids;
    const known = this.rowIds.size > 0 ? ids.filter((id) => this.rowIds.has(id)) : [];
    if (known.length > 0 && (await this.passages.version()) === this.rowIdsVersion) {
      try {
        const wanted = new Set(known);
        const rows = await this.passages.takeRowIds(known.map((id) => this.rowIds.get(id)!)).select(PASSAGE_COLUMNS).toArray();
        for (const row of rows) if (wanted.delete(row.id as string)) out.push(toStoredPassage(row));
        const got = new Set(out.map((p) => p.id));
        rest = ids.filter((id) => !got.has(id));
      } catch {
        out.length = 0; // a row address no longer valid: by id below
        rest = ids;
      }
    }
    if (rest.length === 0) return out;
    const rows = await this.passages.query().where(`id IN ${inList(rest)}`).select(PASSAGE_COLUMNS).toArray();
    return [...out, ...rows.map(toStoredPassage)];
  }

  /**
   * Row addresses of passages a search is about to read (search/row-table.ts
   * knows every row's), valid in the passages table's `version`: their texts
   * are then taken by address, as those keyword search ranked are.
   */
  rememberRowIds(version: number, ids: string[], addresses: number[]): void {
    const kept = this.rowIdsAt(version);
    ids.forEach((id, i) => kept.set(id, BigInt(addresses[i]!)));
  }

  /** The remembered row addresses, emptied when the table version moved on or too many are kept. */
  private rowIdsAt(version: number): Map<string, bigint> {
    if (version !== this.rowIdsVersion || this.rowIds.size > ROW_IDS_KEPT) {
      this.rowIds.clear();
      this.rowIdsVersion = version;
    }
    return this.rowIds;
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
   * passage of the documents it keeps. Given `texts`, the passages come
   * with the ranking and are put there (search re-ranks them by their words
   * next): one query instead of two, ~3 ms less at 94,408 passages.
   */
  async keywordSearch(terms: string[], limit: number, where?: string | null, texts?: Map<string, StoredPassage>): Promise<RankedId[]> {
    if (terms.length === 0 || !(await this.fullTextIndexed())) return [];
    // A term repeated in the query ranks the same once (LanceDB scores each distinct term); a long question repeats many.
    let query = this.passages.query().fullTextSearch([...new Set(terms)].join(' '), { columns: ['terms'] });
    if (where) query = query.where(where);
    const rows = await query.select(texts ? [...PASSAGE_COLUMNS, '_score'] : ['id', '_score']).withRowId().limit(limit).toArray();
    if (texts) for (const r of rows) if (!texts.has(r.id as string)) texts.set(r.id as string, toStoredPassage(r));
    // Search fetches the texts of these next (passagesByIds): remember where they are, for this table version.
    const kept = this.rowIdsAt(await this.passages.version());
    for (const r of rows) kept.set(r.id as string, r._rowid as bigint);
    return rows.map((r) => ({ id: r.id as string, score: r._score as number }));
  }

  /**
   * The passages holding every term (`all`) or any term (`any`), by BM25 over
   * those terms, at most `limit` of them: the match set search counts, pages
   * and facets (search/first-stage.ts). One term per query word (its exact
   * form when typed with accents, else its folded form).
   */
  async matchTerms(terms: string[], mode: 'all' | 'any', limit: number, where?: string | null): Promise<RankedIdBytes> {
    const none: RankedIdBytes = { bytes: new Uint8Array(0), starts: new Int32Array(0), ends: new Int32Array(0) };
    if (terms.length === 0 || !(await this.fullTextIndexed())) return none;
    const match = new lancedb.MatchQuery(terms.join(' '), 'terms', { operator: mode === 'all' ? lancedb.Operator.And : lancedb.Operator.Or });
    let query = this.passages.query().fullTextSearch(match);
    if (where) query = query.where(where);
    const table = await query.select(['id', '_score']).limit(limit).toArrow();
    return idBytes(table.getChild('id'));
  }

  /**
   * `matchTerms` by row address: LanceDB need not fetch each matching row's
   * id (a third of a 10,000-row match at 94,408 passages, and of a cold
   * search far more), which `passageRows` maps back. Null when the table
   * moved to another version meanwhile (the addresses may have changed).
   */
  async matchRowIds(terms: string[], mode: 'all' | 'any', limit: number, where: string | null, version: number): Promise<Float64Array | null> {
    if (terms.length === 0 || !(await this.fullTextIndexed())) return new Float64Array(0);
    const match = new lancedb.MatchQuery(terms.join(' '), 'terms', { operator: mode === 'all' ? lancedb.Operator.And : lancedb.Operator.Or });
    let query = this.passages.query().fullTextSearch(match);
    if (where) query = query.where(where);
    const table = await query.select(['_score']).withRowId().limit(limit).toArrow();
    return (await this.passages.version()) === version ? rowIdNumbers(table.getChild('_rowid')) : null;
  }

  /**
   * Every passage's id and row address in one version of the passages table
   * (one scan of the id column, ~15-40 ms at 94,408 passages); null when the
   * table moved on during the scan.
   */
  async passageRows(version: number): Promise<{ ids: RankedIdBytes; rowIds: Float64Array } | null> {
    if ((await this.passages.version()) !== version) return null;
    const table = await this.passages.query().select(['id']).withRowId().toArrow();
    if ((await this.passages.version()) !== version) return null;
    return { ids: idBytes(table.getChild('id')), rowIds: rowIdNumbers(table.getChild('_rowid')) };
  }

  /** The passages table's version as this handle sees it: a result kept from an older one is stale (search/first-stage.ts). */
  passagesVersion(): Promise<number> {
    return this.passages.version();
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
    // A new table stores half floats (rows.ts NEW_VECTOR_ELEMENT); an existing one keeps the type it was made with.
    const table = names.has(name) ? await this.db.openTable(name) : await this.db.createEmptyTable(name, vectorSchema(dims));
    this.vectorTables.add(table);
    this.stamp?.forget();
    return new VectorTable(table);
  }

  /** Only when the user changed the embedding model (its vectors are rebuilt from the passages). */
  async dropVectors(name: string): Promise<void> {
    await this.db.dropTable(name);
    for (const table of this.vectorTables) if (table.name === name) this.vectorTables.delete(table);
    this.stamp?.forget();
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

  /**
   * The end of an indexing run: compact the run's fragments, fold its rows into
   * the indexes, and only then build an index that does not exist yet (a first
   * run), over the compacted table — built before compaction, every row would
   * be indexed twice (as written, then again where compaction moved it).
   * Last, each table's newest version is made durable and the run's older
   * versions dropped, keeping a rollback point (settle.ts).
   */
  async optimize(): Promise<void> {
    await this.passages.optimize(cleanupOptions());
    if ((await this.passages.countRows()) > 0) {
      await this.ensureFullTextIndex();
      await this.ensureScalarIndexes();
    }
    await this.documents.optimize(cleanupOptions());
    await settleTable(this.passages);
    await settleTable(this.documents);
  }
}
