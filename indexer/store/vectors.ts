/**
 * One model's passage vectors in LanceDB: nearest-neighbour search (flat
 * while the table is small, IVF-PQ with exact re-ranking after), the vectors
 * of one document ("more like this"), and deletes. The passage and catalogue
 * tables are lance.ts.
 */
import * as lancedb from '@lancedb/lancedb';
import { cleanupOptions } from './open-table.js';
import { settleTable } from './settle.js';
import type { RankedId, VectorElement } from './rows.js';
import { DELETE_CHUNK, equals, inList } from './sql.js';

/** Vector tables below this size are scanned flat: exact, and fast enough (~ms). */
export const ANN_MIN_ROWS = 10_000;
/** IVF partitions probed per vector query (LanceDB's default is 20; more is steadier at 100k+ rows). */
const ANN_PROBES = 32;
/** Candidates re-ranked by exact distance, as a multiple of the limit. */
const ANN_REFINE = 5;

export class VectorTable {
  /** Rows were seen: searches skip the empty-table check (rows are only removed with their documents). */
  private hasRows = false;
  /** The column's element type, read once from the schema on the first write. */
  private element: VectorElement | null = null;

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

  /**
   * Rows are handed over as plain numbers: LanceDB builds them against the
   * table's own schema, so a float16 table stores them as half floats and an
   * older float32 table as floats. For a float16 table the numbers are first
   * rounded to half precision here (roundToHalf), because apache-arrow's own
   * conversion is wrong for some values.
   */
  async add(rows: Array<{ id: string; docId: string; vector: Float32Array }>): Promise<void> {
    if (rows.length === 0) return;
    this.element ??= await this.elementType();
    const half = this.element === 'float16';
    await this.table.add(rows.map((r) => ({ ...r, vector: half ? Array.from(r.vector, roundToHalf) : Array.from(r.vector) })));
  }

  /** The `vector` column's element type, from the table's schema: float16 for tables made since issue 20, float32 before. */
  async elementType(): Promise<VectorElement> {
    const field = (await this.table.schema()).fields.find((f) => f.name === 'vector');
    const item = String(field?.type.children?.[0]?.type ?? '');
    return item === 'Float16' ? 'float16' : 'float32';
  }

  async count(): Promise<number> {
    return this.table.countRows();
  }

  async deleteIds(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) await this.table.delete(`id IN ${inList(ids.slice(i, i + DELETE_CHUNK))}`);
  }

  /** Ids stored more than once (two writers committed the same passage). */
  async duplicateIds(): Promise<string[]> {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const r of await this.table.query().select(['id']).toArray()) (seen.has(r.id) ? twice : seen).add(r.id as string);
    return [...twice];
  }

  async ids(): Promise<Set<string>> {
    const rows = await this.table.query().select(['id']).toArray();
    return new Set(rows.map((r) => r.id as string));
  }

  /** Nearest passages by cosine distance; score = 1 - distance. `where` (sql.ts `docIdFilter`) filters before the search. */
  async search(vector: Float32Array, limit: number, where?: string | null): Promise<RankedId[]> {
    if (await this.empty()) return [];
    let query = this.nearest(vector, limit);
    if (where) query = query.where(where);
    const rows = await query.select(['id', '_distance']).toArray();
    return rows.map((r) => ({ id: r.id as string, score: 1 - (r._distance as number) }));
  }

  /** Nearest passages with the document each belongs to ("more like this"). */
  async searchWithDocs(vector: Float32Array, limit: number): Promise<Array<RankedId & { docId: string }>> {
    if (await this.empty()) return [];
    const rows = await this.nearest(vector, limit).select(['id', 'docId', '_distance']).toArray();
    return rows.map((r) => ({ id: r.id as string, docId: r.docId as string, score: 1 - (r._distance as number) }));
  }

  /** A document's stored passage vectors, as Float32Array whatever the column stores. */
  async vectorsOfDocument(docId: string): Promise<Array<{ id: string; vector: Float32Array }>> {
    const rows = await this.table.query().where(equals('docId', docId)).select(['id', 'vector']).toArray();
    return rows.map((r) => ({ id: r.id as string, vector: toFloat32(r.vector) }));
  }

  async hasAnnIndex(): Promise<boolean> {
    return (await this.table.listIndices()).some((i) => i.columns.includes('vector'));
  }

  /** Build the ANN index once the table has `annMinRows` rows; later calls keep it current. Then settle the table (settle.ts). */
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
    await settleTable(this.table);
  }

  close(): void {
    this.table.close();
  }
}

/** The largest finite half float. */
const HALF_MAX = 65504;
/** Half floats below this magnitude round to zero (half of the smallest subnormal, 2^-24). */
const HALF_UNDERFLOW = 2 ** -25;

/**
 * `x` rounded to the nearest half float (as a number). apache-arrow's
 * float → half conversion (used when LanceDB builds a Float16 column from
 * numbers) turns values below 2^-24 into NaN, ±Infinity or garbage and
 * mis-rounds values just under a power of two (1.9996 → 1, -0.12499 →
 * -0.0625); measured 2026-12-04, a 10,000-document build stopped on "Vector
 * column contains NaN values". A value already exactly representable as a
 * half passes through it unchanged (checked on 300,000 values).
 */
export function roundToHalf(x: number): number {
  const magnitude = Math.abs(x);
  if (!(magnitude >= HALF_UNDERFLOW)) return 0;
  if (magnitude >= HALF_MAX) return Math.sign(x) * HALF_MAX;
  let exponent = Math.floor(Math.log2(magnitude));
  if (2 ** exponent > magnitude) exponent--;
  if (2 ** (exponent + 1) <= magnitude) exponent++;
  // 10 stored mantissa bits; below 2^-14 the spacing stays that of subnormals.
  const step = 2 ** (Math.max(exponent, -14) - 10);
  return Math.round(x / step) * step;
}

/**
 * A stored vector (an Arrow vector of Float16 or Float32) as Float32Array.
 * Iterating yields numbers for both; `toArray()` would not — on a Float16
 * column it returns the raw half-float bits as a Uint16Array.
 */
function toFloat32(value: unknown): Float32Array {
  return Float32Array.from(value as Iterable<number>);
}
