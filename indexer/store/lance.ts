/**
 * LanceDB, and only LanceDB, lives here: the document catalogue, the passages
 * with their keyword terms (full-text index), and one vector table per model.
 *
 * Body-text keyword search uses LanceDB's native full-text index over a column
 * of our own Vietnamese terms (syllables + bigrams, exact + folded), split on
 * whitespace only: it answered short queries in ~5 ms at 100,000 passages
 * where one MiniSearch index took 230 ms median (../shared/ARCHITECTURE.md).
 */
import './lance-env.js'; // before LanceDB loads: its thread pool size
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { Bool, Field, FixedSizeList, Float32, Float64, Int32, Schema, Utf8 } from 'apache-arrow';

export type DocumentRow = {
  id: string;
  /** Where the document was found; identical copies elsewhere are in `aliases`. */
  path: string;
  /** JSON array of other paths holding the same content. */
  aliases: string;
  title: string;
  /** JSON of DocumentMetadata (type, number, issuer, date…), or "null". */
  metadata: string;
  /** JSON of { references, effective }: what the document cites and when it takes effect (relations.ts). */
  relations: string;
  format: string;
  size: number;
  mtimeMs: number;
  hash: string;
  /** Content key: the hash and the pipeline version; stored passages' ids carry it. */
  key: string;
  pageCount: number | null;
  passages: number;
  indexedAt: string;
  /** JSON of the extraction notes (legacy encodings converted, OCR pages), "{}" when none. */
  notes: string;
};

export type PassageRow = {
  id: string;
  docId: string;
  ordinal: number;
  text: string;
  /** Space-separated keyword terms (see vietnamese/tokenize.ts). */
  terms: string;
  page: number | null;
  pageEnd: number | null;
  section: string | null;
  start: number;
  end: number;
  /** Text recognised by OCR. */
  ocr: boolean;
};

/** A passage as search returns it (without its terms). */
export type StoredPassage = Omit<PassageRow, 'terms'>;

export interface RankedId {
  id: string;
  score: number;
  /** Keyword side: the passage holds every query word, in the query's order. */
  wholeQuery?: boolean;
  /** Keyword side: the passage holds every query word, in any order. */
  allWords?: boolean;
}

/** Vector tables below this size are scanned flat: exact, and fast enough (~ms). */
export const ANN_MIN_ROWS = 10_000;
const PASSAGE_COLUMNS = ['id', 'docId', 'ordinal', 'text', 'page', 'pageEnd', 'section', 'start', 'end', 'ocr'];

/** Ids per delete filter: keeps SQL filters a sane size. */
const DELETE_CHUNK = 500;
const DOCUMENTS = 'documents';
const PASSAGES = 'passages';

const documentSchema = new Schema([
  new Field('id', new Utf8(), false),
  new Field('path', new Utf8(), false),
  new Field('aliases', new Utf8(), false),
  new Field('title', new Utf8(), false),
  new Field('metadata', new Utf8(), false),
  new Field('relations', new Utf8(), false),
  new Field('format', new Utf8(), false),
  new Field('size', new Float64(), false),
  new Field('mtimeMs', new Float64(), false),
  new Field('hash', new Utf8(), false),
  new Field('key', new Utf8(), false),
  new Field('pageCount', new Int32(), true),
  new Field('passages', new Int32(), false),
  new Field('indexedAt', new Utf8(), false),
  new Field('notes', new Utf8(), false),
]);

const passageSchema = new Schema([
  new Field('id', new Utf8(), false),
  new Field('docId', new Utf8(), false),
  new Field('ordinal', new Int32(), false),
  new Field('text', new Utf8(), false),
  new Field('terms', new Utf8(), false),
  new Field('page', new Int32(), true),
  new Field('pageEnd', new Int32(), true),
  new Field('section', new Utf8(), true),
  new Field('start', new Int32(), false),
  new Field('end', new Int32(), false),
  new Field('ocr', new Bool(), false),
]);

function vectorSchema(dims: number): Schema {
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('docId', new Utf8(), false),
    new Field('vector', new FixedSizeList(dims, new Field('item', new Float32(), true)), false),
  ]);
}

/**
 * Open a table, creating it when missing. LanceDB's local writer does not
 * fsync, so a power cut can leave the newest version's manifest empty or torn
 * and the table unopenable. Then the damaged newest manifests are moved aside
 * (to `_quarantine/`) until an older version opens: the table rolls back to
 * its last good version, and the library's orphan clean-up and the next index
 * run restore what the lost versions held. A table with no good version left
 * is recreated empty.
 */
export async function openTable(db: lancedb.Connection, dir: string, name: string, schema: Schema): Promise<lancedb.Table> {
  for (let attempt = 0; ; attempt++) {
    const names = new Set(await db.tableNames());
    if (!names.has(name)) return db.createEmptyTable(name, schema);
    try {
      const table = await db.openTable(name);
      await table.countRows();
      return table;
    } catch (error) {
      if (attempt >= MAX_REPAIR_STEPS || !(await quarantineNewestVersion(path.join(dir, `${name}.lance`)))) {
        await db.dropTable(name).catch(() => rm(path.join(dir, `${name}.lance`), { recursive: true, force: true }));
        if (attempt >= MAX_REPAIR_STEPS + 1) throw error;
      }
    }
  }
}

/** Versions a damaged table may be rolled back, at most. */
const MAX_REPAIR_STEPS = 20;

/** Move the newest version's manifest aside; false when there is none left. */
async function quarantineNewestVersion(tableDir: string): Promise<boolean> {
  const versions = path.join(tableDir, '_versions');
  let manifests: string[];
  try {
    manifests = (await readdir(versions)).filter((f) => f.endsWith('.manifest'));
  } catch {
    return false;
  }
  if (manifests.length <= 1) return false;
  // File names count down from u64::MAX (older LanceDB: up from 1); the newest is the one furthest along.
  const byVersion = manifests.map((f) => BigInt(f.replace('.manifest', ''))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const descending = byVersion[0]! > 1n << 62n;
  const newest = `${descending ? byVersion[0] : byVersion[byVersion.length - 1]}.manifest`;
  const quarantine = path.join(tableDir, '_quarantine');
  await mkdir(quarantine, { recursive: true });
  await rename(path.join(versions, newest), path.join(quarantine, `${newest}.${Date.now()}`));
  await rm(path.join(versions, 'latest_version_hint.json'), { force: true });
  return true;
}

/** SQL string literal for LanceDB filters. */
function sql(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function inList(values: string[]): string {
  return `(${values.map(sql).join(', ')})`;
}

export class LanceStore {
  /** The full-text index is known to exist (it is never dropped while the store is open). */
  private fullTextReady = false;
  private constructor(
    private readonly db: lancedb.Connection,
    private readonly documents: lancedb.Table,
    private readonly passages: lancedb.Table,
  ) {}

  /** Open (creating if needed) the store in `dir`, repairing damaged tables (see `openTable`). */
  static async open(dir: string): Promise<LanceStore> {
    const db = await lancedb.connect(dir);
    const documents = await openTable(db, dir, DOCUMENTS, documentSchema);
    const passages = await openTable(db, dir, PASSAGES, passageSchema);
    return new LanceStore(db, documents, passages);
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
        .map(([docId, key]) => `(docId = ${sql(docId)} AND NOT (id LIKE ${sql(`${docId}.${key}.%`)}))`)
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

  /** Passages (without vectors) in batches, for embedding what is missing. */
  async *passagesWhere(filter: string | null, batchSize: number): AsyncGenerator<StoredPassage[]> {
    let query = this.passages.query().select(PASSAGE_COLUMNS);
    if (filter) query = query.where(filter);
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

  /** Keyword search: BM25 over the terms column. */
  async keywordSearch(terms: string[], limit: number): Promise<RankedId[]> {
    if (terms.length === 0) return [];
    // Once the index is known to exist, a query costs one full-text search (no row count, no index listing).
    if (!this.fullTextReady) {
      if ((await this.passages.countRows()) === 0) return [];
      await this.ensureFullTextIndex();
      this.fullTextReady = true;
    }
    const rows = await this.passages
      .query()
      .fullTextSearch(terms.join(' '), { columns: ['terms'] })
      .select(['id', '_score'])
      .limit(limit)
      .toArray();
    return rows.map((r) => ({ id: r.id as string, score: r._score as number }));
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
    return new VectorTable(table);
  }

  async dropVectors(name: string): Promise<void> {
    await this.db.dropTable(name);
  }

  /** Fold new rows into the indexes and compact small fragments. */
  async optimize(): Promise<void> {
    if ((await this.passages.countRows()) > 0) await this.ensureFullTextIndex();
    await this.passages.optimize(cleanupOptions());
    await this.documents.optimize(cleanupOptions());
  }
}

export class VectorTable {
  /** Rows were seen: searches skip the empty-table check (rows are only removed with their documents). */
  private hasRows = false;

  constructor(private readonly table: lancedb.Table) {}

  private async empty(): Promise<boolean> {
    if (!this.hasRows) this.hasRows = (await this.table.countRows()) > 0;
    return !this.hasRows;
  }

  /**
   * A nearest-neighbour query: through the IVF-PQ index once there is one, its
   * candidates re-ranked by exact distance (PQ distances alone reorder close
   * neighbours; the bench measured top-10 agreement with an exact scan rising
   * with refinement).
   */
  private nearest(vector: Float32Array, limit: number) {
    return this.table.vectorSearch(Array.from(vector)).distanceType('cosine').nprobes(ANN_PROBES).refineFactor(ANN_REFINE).limit(limit);
  }

  async add(rows: Array<{ id: string; docId: string; vector: Float32Array }>): Promise<void> {
    if (rows.length > 0) await this.table.add(rows.map((r) => ({ ...r, vector: Array.from(r.vector) })));
  }

  async count(): Promise<number> {
    return this.table.countRows();
  }

  async deleteIds(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) await this.table.delete(`id IN ${inList(ids.slice(i, i + DELETE_CHUNK))}`);
  }

  async ids(): Promise<Set<string>> {
    const rows = await this.table.query().select(['id']).toArray();
    return new Set(rows.map((r) => r.id as string));
  }

  /** Nearest passages by cosine distance; score = 1 - distance. */
  async search(vector: Float32Array, limit: number): Promise<RankedId[]> {
    if (await this.empty()) return [];
    const rows = await this.nearest(vector, limit).select(['id', '_distance']).toArray();
    return rows.map((r) => ({ id: r.id as string, score: 1 - (r._distance as number) }));
  }

  /** Nearest passages with the document each belongs to ("more like this"). */
  async searchWithDocs(vector: Float32Array, limit: number): Promise<Array<RankedId & { docId: string }>> {
    if (await this.empty()) return [];
    const rows = await this.nearest(vector, limit).select(['id', 'docId', '_distance']).toArray();
    return rows.map((r) => ({ id: r.id as string, docId: r.docId as string, score: 1 - (r._distance as number) }));
  }

  /** A document's stored passage vectors. */
  async vectorsOfDocument(docId: string): Promise<Array<{ id: string; vector: Float32Array }>> {
    const rows = await this.table.query().where(`docId = '${docId.replace(/'/g, "''")}'`).select(['id', 'vector']).toArray();
    return rows.map((r) => ({ id: r.id as string, vector: Float32Array.from(r.vector as ArrayLike<number>) }));
  }

  async hasAnnIndex(): Promise<boolean> {
    return (await this.table.listIndices()).some((i) => i.columns.includes('vector'));
  }

  /** Build the ANN index once the table has `annMinRows` rows; later calls keep it current. */
  async optimize(dims: number, annMinRows = ANN_MIN_ROWS): Promise<void> {
    const rows = await this.table.countRows();
    if (!(await this.hasAnnIndex()) && rows >= annMinRows) {
      await this.table.createIndex('vector', {
        config: lancedb.Index.ivfPq({
          distanceType: 'cosine',
          numPartitions: Math.max(1, Math.round(Math.sqrt(rows))),
          numSubVectors: dims % 16 === 0 ? dims / 16 : dims % 8 === 0 ? dims / 8 : 1,
        }),
      });
    }
    await this.table.optimize(cleanupOptions());
  }

  close(): void {
    this.table.close();
  }
}

/** IVF partitions probed per vector query (LanceDB's default is 20; more is steadier at 100k+ rows). */
const ANN_PROBES = 32;
/** Candidates re-ranked by exact distance, as a multiple of the limit. */
const ANN_REFINE = 5;
/**
 * Table versions older than this are deleted when a run optimises (LanceDB
 * keeps every version, doubling the disk used). Versions of the last hour
 * stay: a torn newest manifest rolls back to one of them.
 */
export const KEEP_VERSIONS_MS = 60 * 60 * 1000;

function cleanupOptions(): { cleanupOlderThan: Date } {
  return { cleanupOlderThan: new Date(Date.now() - KEEP_VERSIONS_MS) };
}

function toStoredPassage(row: Record<string, unknown>): StoredPassage {
  return {
    id: row.id as string,
    docId: row.docId as string,
    ordinal: row.ordinal as number,
    text: row.text as string,
    page: (row.page as number | null) ?? null,
    pageEnd: (row.pageEnd as number | null) ?? null,
    section: (row.section as string | null) ?? null,
    start: row.start as number,
    end: row.end as number,
    ocr: row.ocr === true,
  };
}
