/**
 * Issue 20: the smallest vector type that keeps ranking. The same N seeded,
 * clustered 384-d unit vectors (synth.mjs, as the scale bench makes them) go
 * into two LanceDB tables, one Float32 and one Float16, each with the IVF-PQ
 * index as the product builds it (indexer/store/vectors.ts) and queried with
 * the product's options (cosine, nprobes 32, refineFactor 5). Reports bytes on
 * disk (data and index apart), top-10 agreement with an exact float32 scan,
 * and query times. Run: `node bench/lib/vector-types.mjs [n] [queries]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
process.env.LANCE_CPU_THREADS ??= '4';
const lancedb = await import('@lancedb/lancedb');
// LanceDB loads apache-arrow's CommonJS build; its tables must come from the same one.
const { Field, FixedSizeList, Float16, Float32, RecordBatch, Schema, Struct, Table, Utf8, makeData, vectorFromArray } = createRequire(import.meta.url)('apache-arrow');
import { DIMS, queryVector, vectorOf } from './synth.mjs';
import { dirSize, stats } from './util.mjs';

const N = Number(process.argv[2] ?? 20_000);
const Q = Number(process.argv[3] ?? 200);
const K = 10;
const PROBES = 32;
const REFINE = 5;

/** float32 → IEEE half (round to nearest even), as Uint16 bits. */
export function toHalf(x) {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  f[0] = x;
  const b = u[0];
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  return sign | h;
}

function batchOf(type, ids, vectors) {
  const n = vectors.length;
  const item = new Field('item', type === 'f16' ? new Float16() : new Float32(), true);
  const listType = new FixedSizeList(DIMS, item);
  let child;
  if (type === 'f16') {
    const u = new Uint16Array(n * DIMS);
    for (let i = 0; i < n; i++) for (let d = 0; d < DIMS; d++) u[i * DIMS + d] = toHalf(vectors[i][d]);
    child = makeData({ type: new Float16(), length: n * DIMS, nullCount: 0, data: u });
  } else {
    const f = new Float32Array(n * DIMS);
    for (let i = 0; i < n; i++) f.set(vectors[i], i * DIMS);
    child = makeData({ type: new Float32(), length: n * DIMS, nullCount: 0, data: f });
  }
  const schema = new Schema([new Field('id', new Utf8(), false), new Field('vector', listType, false)]);
  const idData = vectorFromArray(ids, new Utf8()).data[0];
  const vecData = makeData({ type: listType, length: n, nullCount: 0, child });
  const data = makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children: [idData, vecData] });
  return new Table([new RecordBatch(schema, data)]);
}

async function time(fn) {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

const root = mkdtempSync(path.join(os.tmpdir(), 'kho-vtypes-'));
try {
  const vectors = Array.from({ length: N }, (_, i) => vectorOf(i));
  const ids = vectors.map((_, i) => `p${i}`);
  const qs = Array.from({ length: Q }, (_, q) => queryVector(q, N));
  // Exact float32 cosine top-10 (vectors are unit length; the query is normalised too).
  const truth = qs.map((q) => {
    const s = vectors.map((v, i) => {
      let dot = 0;
      for (let d = 0; d < DIMS; d++) dot += v[d] * q[d];
      return [i, dot];
    });
    s.sort((a, b) => b[1] - a[1]);
    return new Set(s.slice(0, K).map(([i]) => ids[i]));
  });
  const db = await lancedb.connect(root);
  const out = { n: N, queries: Q, dims: DIMS, k: K, nprobes: PROBES, refineFactor: REFINE, tables: {} };
  for (const type of ['f32', 'f16']) {
    const name = `vectors_${type}`;
    const BATCH = 5000;
    let table;
    const [buildMs] = await time(async () => {
      for (let b = 0; b < N; b += BATCH) {
        const t = batchOf(type, ids.slice(b, b + BATCH), vectors.slice(b, b + BATCH));
        if (!table) table = await db.createTable(name, t);
        else await table.add(t);
      }
      await table.optimize();
    });
    const [indexMs] = await time(() =>
      table.createIndex('vector', {
        config: lancedb.Index.ivfPq({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(Math.sqrt(N))), numSubVectors: DIMS / 16 }),
      }),
    );
    await table.optimize({ cleanupOlderThan: new Date() });
    const schemaType = String((await table.schema()).fields.find((f) => f.name === 'vector').type);
    const dir = path.join(root, `${name}.lance`);
    const bytes = { data: dirSize(path.join(dir, 'data')), index: dirSize(path.join(dir, '_indices')), total: dirSize(dir) };
    const res = { schemaType, buildMs: Math.round(buildMs), indexMs: Math.round(indexMs), bytes };
    for (const [mode, make] of [
      ['ann', (q) => table.vectorSearch(Array.from(q)).distanceType('cosine').nprobes(PROBES).refineFactor(REFINE)],
      ['flat', (q) => table.vectorSearch(Array.from(q)).distanceType('cosine').bypassVectorIndex()],
    ]) {
      const ms = [];
      let agree = 0;
      for (let i = 0; i < Q; i++) {
        const [t, rows] = await time(() => make(qs[i]).select(['id', '_distance']).limit(K).toArray());
        ms.push(t);
        agree += rows.filter((r) => truth[i].has(r.id)).length / K;
      }
      const s = stats(ms);
      res[mode] = { top10Agreement: +(agree / Q).toFixed(4), p50ms: +s.p50.toFixed(2), p95ms: +s.p95.toFixed(2) };
    }
    // A Float32Array query vector (not a plain array) against the column.
    try {
      const rows = await table.vectorSearch(qs[0]).distanceType('cosine').limit(1).select(['id', '_distance']).toArray();
      res.float32ArrayQuery = rows.length === 1 ? 'ok' : `rows=${rows.length}`;
    } catch (e) {
      res.float32ArrayQuery = `error: ${e.message}`;
    }
    // Read back: what a vector comes back as.
    const back = (await table.query().where("id = 'p0'").select(['vector']).toArray())[0].vector;
    const arr = Float32Array.from(back);
    let err = 0;
    for (let d = 0; d < DIMS; d++) err = Math.max(err, Math.abs(arr[d] - vectors[0][d]));
    res.readBack = { maxAbsError: err };
    out.tables[type] = res;
  }
  const f32 = out.tables.f32;
  const f16 = out.tables.f16;
  out.ratio = { data: +(f16.bytes.data / f32.bytes.data).toFixed(3), index: +(f16.bytes.index / f32.bytes.index).toFixed(3), total: +(f16.bytes.total / f32.bytes.total).toFixed(3) };
  out.agreementDelta = { ann: +(f16.ann.top10Agreement - f32.ann.top10Agreement).toFixed(4), flat: +(f16.flat.top10Agreement - f32.flat.top10Agreement).toFixed(4) };
  console.log(JSON.stringify(out, null, 2));
} finally {
  rmSync(root, { recursive: true, force: true });
}
