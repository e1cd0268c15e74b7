/**
 * Child-process roles of the scale benchmark. Each runs in a fresh Node
 * process (bench/lib/child.mjs), so build and query heaps and peak RSS are
 * measured apart.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirSize, dist, maxRssMB } from './util.mjs';
import { DIMS, passage, queries, queryVector, titleOf, vectorOf } from './synth.mjs';

export const VECTOR_TABLE = 'vectors_bench';
const BATCH = 2000;
const ANSWER = 10;

/** Ours: passages + FTS through LanceStore, then random 384-d vectors through VectorTable (IVF-PQ from 10k rows). */
export async function build({ dir, n }) {
  const { LanceStore } = await dist('store/lance.js');
  const { passageTerms } = await dist('ingest/ingest.js');
  const lancedb = await import('@lancedb/lancedb');
  const store = await LanceStore.open(dir);
  let genMs = 0;
  let tokenizeMs = 0;
  const t0 = performance.now();
  for (let b = 0; b < n; b += BATCH) {
    const rows = [];
    for (let i = b; i < Math.min(n, b + BATCH); i++) {
      let t = performance.now();
      const text = passage(i);
      const title = titleOf(i);
      genMs += performance.now() - t;
      t = performance.now();
      const terms = passageTerms(text, null, title);
      tokenizeMs += performance.now() - t;
      rows.push({ id: `d${Math.floor(i / 20)}.k.${i}`, docId: `d${Math.floor(i / 20)}`, ordinal: i % 20, text, terms, page: null, pageEnd: null, section: null, start: 0, end: text.length, ocr: false });
    }
    await store.addPassages(rows);
  }
  let t = performance.now();
  await store.optimize();
  const ftsOptimizeMs = performance.now() - t;
  const keywordBuildMs = performance.now() - t0 - genMs;
  const keywordDiskBytes = dirSize(dir);

  t = performance.now();
  const vt = await store.openVectors(VECTOR_TABLE, DIMS);
  let vecGenMs = 0;
  for (let b = 0; b < n; b += BATCH) {
    const rows = [];
    const tg = performance.now();
    for (let i = b; i < Math.min(n, b + BATCH); i++) rows.push({ id: `d${Math.floor(i / 20)}.k.${i}`, docId: `d${Math.floor(i / 20)}`, vector: vectorOf(i) });
    vecGenMs += performance.now() - tg;
    await vt.add(rows);
  }
  const tIndex = performance.now();
  await vt.optimize(DIMS);
  const annIndexMs = performance.now() - tIndex;
  const vectorBuildMs = performance.now() - t - vecGenMs;
  const ann = await vt.hasAnnIndex();
  vt.close();
  store.close();
  const diskBytes = dirSize(dir);
  // The product keeps LanceDB's old versions (default retention); what would a cleanup leave?
  const db = await lancedb.connect(dir);
  for (const name of await db.tableNames()) {
    const table = await db.openTable(name);
    await table.optimize({ cleanupOlderThan: new Date() });
    table.close();
  }
  db.close();
  return {
    n,
    keywordBuildMs,
    tokenizeMs,
    ftsOptimizeMs,
    vectorBuildMs,
    annIndexMs,
    annIndex: ann ? 'IVF-PQ' : 'none (flat, below ANN_MIN_ROWS)',
    buildMs: keywordBuildMs + vectorBuildMs,
    keywordDiskBytes,
    diskBytes,
    diskBytesAfterCleanup: dirSize(dir),
    maxRssMB: maxRssMB(),
  };
}

/** The product's search path minus the catalogue: keyword, vector and hybrid answers (ids + texts of the top 10). */
export async function makeSearcher(dir) {
  const { LanceStore } = await dist('store/lance.js');
  const { rankKeyword, fuse, CANDIDATES } = await dist('search/search.js');
  const { parseQuery } = await dist('vietnamese/query.js');
  const { normalizeText, hasAccents } = await dist('common/normalize.js');
  const store = await LanceStore.open(dir);
  const vt = await store.openVectors(VECTOR_TABLE, DIMS);
  const texts = async (ids) => store.passagesByIds(ids.slice(0, ANSWER));
  return {
    store,
    vt,
    async keyword(q) {
      const ranked = await rankKeyword(store, parseQuery(normalizeText(q)), ANSWER, { texts: new Map() });
      return texts(ranked.map((r) => r.id));
    },
    async vector(vec) {
      const ranked = await vt.search(vec, CANDIDATES);
      return texts(ranked.map((r) => r.id));
    },
    async hybrid(q, vec) {
      const parsed = parseQuery(normalizeText(q));
      const cache = new Map();
      const keyword = await rankKeyword(store, parsed, CANDIDATES, { texts: cache });
      const vector = await vt.search(vec, CANDIDATES);
      const fused = fuse(keyword, vector, hasAccents(parsed.text) ? 1 : 0.5).slice(0, ANSWER);
      const missing = fused.map(([id]) => id).filter((id) => !cache.has(id));
      const fetched = await store.passagesByIds(missing);
      return fused.length - missing.length + fetched.length;
    },
    close() {
      vt.close();
      store.close();
    },
  };
}

export async function query({ dir, n, count }) {
  const lancedb = await import('@lancedb/lancedb');
  const s = await makeSearcher(dir);
  const db = await lancedb.connect(dir);
  const raw = await db.openTable(VECTOR_TABLE);
  const qs = queries();
  const sets = { questions: qs.long.slice(0, count), short: qs.short.slice(0, count) };
  const vecs = Array.from({ length: count }, (_, i) => queryVector(i, n));
  const time = async (f) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await s.hybrid(qs.short[i], vecs[i]);
  const out = { n, count, ms: {}, keywordBreakdown: await breakdown(s.store, qs.short.slice(0, 30)) };
  for (const [name, list] of Object.entries(sets)) {
    const kw = [];
    const hy = [];
    for (let i = 0; i < list.length; i++) {
      kw.push(await time(() => s.keyword(list[i])));
      hy.push(await time(() => s.hybrid(list[i], vecs[i])));
    }
    out.ms[`keyword_${name}`] = kw;
    out.ms[`hybrid_${name}`] = hy;
  }
  const vec = [];
  const ann = [];
  const annIds = [];
  for (const v of vecs) {
    vec.push(await time(() => s.vector(v)));
    ann.push(await time(async () => annIds.push((await s.vt.search(v, 50)).map((r) => r.id))));
  }
  out.ms.vector = vec;
  out.ms.vectorIds = ann;
  // Our peak RSS before the peers below read every vector into this process.
  out.oursMaxRssMB = maxRssMB();
  const flat = [];
  const refined = [];
  let agree = 0;
  let agreeRefined = 0;
  const overlap = (a, top) => a.slice(0, 10).filter((id) => top.has(id)).length / Math.max(1, top.size);
  for (const [i, v] of vecs.entries()) {
    let flatIds = [];
    flat.push(await time(async () => (flatIds = (await raw.vectorSearch(Array.from(v)).distanceType('cosine').bypassVectorIndex().select(['id']).limit(50).toArray()).map((r) => r.id))));
    let refinedIds = [];
    refined.push(await time(async () => (refinedIds = (await raw.vectorSearch(Array.from(v)).distanceType('cosine').refineFactor(5).select(['id']).limit(50).toArray()).map((r) => r.id))));
    const top = new Set(flatIds.slice(0, 10));
    agree += overlap(annIds[i], top);
    agreeRefined += overlap(refinedIds, top);
  }
  out.ms.flatScanIds = flat;
  out.ms.refinedIds = refined;
  out.annRecallAt10VsFlat = agree / vecs.length;
  out.refinedRecallAt10VsFlat = agreeRefined / vecs.length;
  raw.close();
  db.close();
  s.close();
  return { ...out, maxRssMB: maxRssMB() };
}

/** Where a keyword query's time goes: BM25 in LanceDB, fetching candidate texts, and the JavaScript passes over them. */
async function breakdown(store, list) {
  const { queryTerms, tokenizeText } = await dist('vietnamese/tokenize.js');
  const { orderBonus, queryShape } = await dist('search/rerank.js');
  const acc = { ftsMs: 0, fetchTextsMs: 0, tokenizeCandidatesMs: 0, wordOrderMs: 0 };
  for (const q of list) {
    let t = performance.now();
    const ids = (await store.keywordSearch(queryTerms(q), 50)).map((r) => r.id);
    acc.ftsMs += performance.now() - t;
    t = performance.now();
    const texts = await store.passagesByIds(ids);
    acc.fetchTextsMs += performance.now() - t;
    // As search.ts does: each candidate tokenised once, its accent-free words shared by the tests and the bonus.
    t = performance.now();
    const words = texts.map((p) => tokenizeText(p.text).filter((tok) => !tok.code).map((tok) => tok.folded));
    acc.tokenizeCandidatesMs += performance.now() - t;
    const shape = queryShape(q);
    t = performance.now();
    for (const w of words) orderBonus(shape, w);
    acc.wordOrderMs += performance.now() - t;
  }
  for (const k of Object.keys(acc)) acc[k] /= list.length;
  return { queries: list.length, candidates: 50, ...acc };
}

// ------------------------------------------------------------ MiniSearch ----

/** The naive peer: MiniSearch as its README shows it, one index over every passage, saved and loaded as JSON. */
export const MINI_OPTIONS = { fields: ['text'], storeFields: [] };

export async function miniBuild({ file, n }) {
  const { default: MiniSearch } = await import('minisearch');
  const ms = new MiniSearch(MINI_OPTIONS);
  let genMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const text = passage(i);
    genMs += performance.now() - t;
    ms.add({ id: i, text });
  }
  const indexMs = performance.now() - t0 - genMs;
  const t = performance.now();
  writeFileSync(file, JSON.stringify(ms));
  const saveMs = performance.now() - t;
  return { n, buildMs: indexMs + saveMs, indexMs, saveMs, diskBytes: statSync(file).size, maxRssMB: maxRssMB() };
}

export async function miniQuery({ file, count, budgetMs }) {
  const { default: MiniSearch } = await import('minisearch');
  const t = performance.now();
  const ms = MiniSearch.loadJSON(readFileSync(file, 'utf8'), MINI_OPTIONS);
  const loadMs = performance.now() - t;
  const qs = queries();
  for (const q of qs.short.slice(0, 3)) ms.search(q);
  const out = { loadMs, ms: {}, complete: {} };
  for (const [name, list] of Object.entries({ questions: qs.long.slice(0, count), short: qs.short.slice(0, count) })) {
    const deadline = performance.now() + budgetMs;
    const times = [];
    for (const q of list) {
      const t1 = performance.now();
      ms.search(q).slice(0, ANSWER);
      times.push(performance.now() - t1);
      if (performance.now() > deadline) break;
    }
    out.ms[`keyword_${name}`] = times;
    out.complete[name] = times.length === list.length;
  }
  return { ...out, maxRssMB: maxRssMB() };
}

// ------------------------------------------------------- the scan floor ----

/**
 * Memory bandwidth (native memcmp over two 256 MB buffers: every byte read
 * once) and a brute-force JS cosine scan over n×384 floats, for the floor a
 * full scan cannot beat.
 */
export async function memoryBandwidth({ n, queriesCount = 10 }) {
  const size = 256 * 1024 * 1024;
  const a = Buffer.alloc(size, 7);
  const b = Buffer.alloc(size, 7);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    Buffer.compare(a, b);
    best = Math.min(best, performance.now() - t);
  }
  const bytesPerSec = (2 * size) / (best / 1000);
  const scanN = Math.min(n, 1_000_000);
  const m = new Float32Array(scanN * DIMS);
  for (let i = 0; i < scanN; i++) m.set(vectorOf(i), i * DIMS);
  const times = [];
  for (let q = 0; q < queriesCount; q++) {
    const v = queryVector(q, scanN);
    const t = performance.now();
    let bestScore = -2;
    for (let i = 0; i < scanN; i++) {
      let s = 0;
      const o = i * DIMS;
      for (let d = 0; d < DIMS; d++) s += m[o + d] * v[d];
      if (s > bestScore) bestScore = s;
    }
    times.push(performance.now() - t);
  }
  return { bytesPerSec, scanBytes: n * DIMS * 4, floorMs: ((n * DIMS * 4) / bytesPerSec) * 1000, jsScanMs: times, jsScanN: scanN, maxRssMB: maxRssMB() };
}
