/**
 * Issue 20: the smallest vector type that keeps ranking. The same N seeded,
 * clustered 384-d unit vectors (synth.mjs, as the scale bench makes them) go
 * into two vector tables, one float32 and one float16, through the product's
 * own code from `dist/` (rows.ts `vectorSchema`, vectors.ts `VectorTable`:
 * its writes, its IVF-PQ index, its query options). Reports bytes on disk
 * (data and index apart), top-10 agreement with an exact float32 scan (through
 * the index, and flat), query times, and the read-back error.
 *
 *   node bench/lib/vector-types.mjs [n] [queries]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { DIMS, queryVector, vectorOf } from './synth.mjs';
import { dirSize, dist, stats } from './util.mjs';

process.env.LANCE_CPU_THREADS ??= '4';
const N = Number(process.argv[2] ?? 20_000);
const Q = Number(process.argv[3] ?? 200);
const K = 10;
/** Rows written per add, as an indexing run's batches do. */
const BATCH = 5000;

const { vectorSchema } = await dist('store/rows.js');
const { VectorTable } = await dist('store/vectors.js');

async function time(fn) {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

/** Exact float32 cosine top-K ids of each query (vectors are unit length). */
function exactTopK(vectors, ids, queries) {
  return queries.map((q) => {
    const scored = vectors.map((v, i) => {
      let dot = 0;
      for (let d = 0; d < DIMS; d++) dot += v[d] * q[d];
      return [i, dot];
    });
    scored.sort((a, b) => b[1] - a[1]);
    return new Set(scored.slice(0, K).map(([i]) => ids[i]));
  });
}

/** Top-K agreement with `truth` and query times of `search` over the queries. */
async function agreement(queries, truth, search) {
  const ms = [];
  let agree = 0;
  for (let i = 0; i < queries.length; i++) {
    const [t, ids] = await time(() => search(queries[i]));
    ms.push(t);
    agree += ids.filter((id) => truth[i].has(id)).length / K;
  }
  const s = stats(ms);
  return { top10Agreement: +(agree / queries.length).toFixed(4), p50ms: +s.p50.toFixed(2), p95ms: +s.p95.toFixed(2) };
}

const root = mkdtempSync(path.join(os.tmpdir(), 'kho-vtypes-'));
try {
  const vectors = Array.from({ length: N }, (_, i) => vectorOf(i));
  const ids = vectors.map((_, i) => `p${i}`);
  const queries = Array.from({ length: Q }, (_, q) => queryVector(q, N));
  const truth = exactTopK(vectors, ids, queries);
  const db = await lancedb.connect(root);
  const out = { n: N, queries: Q, dims: DIMS, k: K, tables: {} };
  for (const element of ['float32', 'float16']) {
    const name = `vectors_${element}`;
    const raw = await db.createEmptyTable(name, vectorSchema(DIMS, element));
    const table = new VectorTable(raw);
    const [buildMs] = await time(async () => {
      for (let b = 0; b < N; b += BATCH) await table.add(vectors.slice(b, b + BATCH).map((vector, j) => ({ id: ids[b + j], docId: `d${b + j}`, vector })));
    });
    // The product's index build and clean-up (its row threshold lowered so any N gets the index).
    const [indexMs] = await time(() => table.optimize(DIMS, 0));
    const dir = path.join(root, `${name}.lance`);
    const res = {
      element: await table.elementType(),
      buildMs: Math.round(buildMs),
      indexMs: Math.round(indexMs),
      bytes: { data: dirSize(path.join(dir, 'data')), index: dirSize(path.join(dir, '_indices')), total: dirSize(dir) },
      ann: await agreement(queries, truth, async (q) => (await table.search(q, K)).map((h) => h.id)),
      // Flat: the stored values alone, no index (a measurement, not a product path).
      flat: await agreement(queries, truth, async (q) => (await raw.vectorSearch(Array.from(q)).distanceType('cosine').bypassVectorIndex().select(['id', '_distance']).limit(K).toArray()).map((r) => r.id)),
    };
    const back = (await table.vectorsOfDocument('d0'))[0].vector;
    let err = 0;
    for (let d = 0; d < DIMS; d++) err = Math.max(err, Math.abs(back[d] - vectors[0][d]));
    res.readBack = { maxAbsError: err };
    out.tables[element] = res;
    table.close();
  }
  const [f32, f16] = [out.tables.float32, out.tables.float16];
  out.ratio = { data: +(f16.bytes.data / f32.bytes.data).toFixed(3), index: +(f16.bytes.index / f32.bytes.index).toFixed(3), total: +(f16.bytes.total / f32.bytes.total).toFixed(3) };
  out.agreementDelta = { ann: +(f16.ann.top10Agreement - f32.ann.top10Agreement).toFixed(4), flat: +(f16.flat.top10Agreement - f32.flat.top10Agreement).toFixed(4) };
  console.log(JSON.stringify(out, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
