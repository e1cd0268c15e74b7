/**
 * Scale: synthetic passages at each size. Ours (LanceDB FTS over our terms +
 * IVF-PQ vectors, the product's ranking and fusion) against naive MiniSearch,
 * LanceDB's flat vector scan and the memory-bandwidth floor of a full scan.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { child, DIST, LANCE_ENV, log, ROOT, run, stats } from './util.mjs';
import { queries, queryVector } from './synth.mjs';

const BIG_HEAP = '--max-old-space-size=12288';

/** Code a fresh `node -e` runs: import, open, answer one hybrid query (query vector given: embedding excluded). */
function coldOurs(dir, q, vec) {
  const url = (rel) => JSON.stringify(pathToFileURL(path.join(DIST, rel)).href);
  return `
const { LanceStore } = await import(${url('store/lance.js')});
const { rankKeyword, fuse } = await import(${url('search/search.js')});
const { parseQuery } = await import(${url('vietnamese/query.js')});
const { normalizeText } = await import(${url('common/normalize.js')});
const store = await LanceStore.open(${JSON.stringify(dir)});
const vt = await store.openVectors('vectors_bench', 384);
const texts = new Map();
const kw = await rankKeyword(store, parseQuery(normalizeText(${JSON.stringify(q)})), 50, { texts });
const vec = await vt.search(new Float32Array(${JSON.stringify(Array.from(vec))}), 50);
const top = fuse(kw, vec).slice(0, 10).map(([id]) => id);
const hits = await store.passagesByIds(top);
console.log('RESULT ' + JSON.stringify({ hits: hits.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
vt.close(); store.close();`;
}

function coldMini(file, q) {
  const mini = JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/minisearch/dist/es/index.js')).href);
  return `
const { readFileSync } = await import('node:fs');
const { default: MiniSearch } = await import(${mini});
const ms = MiniSearch.loadJSON(readFileSync(${JSON.stringify(file)}, 'utf8'), { fields: ['text'], storeFields: [] });
const hits = ms.search(${JSON.stringify(q)}).slice(0, 10);
console.log('RESULT ' + JSON.stringify({ hits: hits.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));`;
}

async function coldStarts(code, times, flags = []) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const r = await run(process.execPath, [...flags, '--input-type=module', '-e', code], { env: LANCE_ENV, timeoutMs: 600_000 });
    runs.push(r.result && !r.failed ? { toAnswerMs: r.answerMs, ...r.result } : { error: r.failed });
  }
  const ok = runs.filter((r) => !r.error);
  return { runs, toAnswerMs: stats(ok.map((r) => r.toAnswerMs))?.p50 ?? null, maxRssMB: stats(ok.map((r) => r.maxRssMB))?.p50 ?? null, error: ok.length ? undefined : runs[0]?.error };
}

/** Replace raw per-query arrays with stats; ours also over the leading queries MiniSearch finished. */
function summarise(ours, mini) {
  const out = { ours: {}, mini: {}, oursSameAsMini: {} };
  for (const [k, v] of Object.entries(ours?.ms ?? {})) out.ours[k] = stats(v);
  for (const [k, v] of Object.entries(mini?.ms ?? {})) {
    out.mini[k] = stats(v);
    const n = v.length;
    const set = k.replace('keyword_', '');
    for (const mode of ['keyword', 'hybrid']) if (ours?.ms?.[`${mode}_${set}`]) out.oursSameAsMini[`${mode}_${set}`] = stats(ours.ms[`${mode}_${set}`].slice(0, n));
  }
  return out;
}

export async function scaleSize(n, { count, miniBudgetMs, coldRuns }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `kho-bench-scale-${n}-`));
  const dir = path.join(tmp, 'lance');
  const file = path.join(tmp, 'minisearch.json');
  const q0 = queries().long[0];
  const res = { n };
  try {
    log(`scale ${n}: ours, build (keyword + ${n} vectors)`);
    res.build = await child('scale-build', { dir, n }, { timeoutMs: 4 * 3600_000 });
    if (!res.build.error) {
      log(`scale ${n}: ours, ${count} queries per set`);
      const q = await child('scale-query', { dir, n, count }, { timeoutMs: 3600_000 });
      log(`scale ${n}: ours, cold starts`);
      res.cold = await coldStarts(coldOurs(dir, q0, queryVector(0, n)), coldRuns);
      res.queryProcess = q.error ? { error: q.error } : { maxRssMB: q.oursMaxRssMB, withPeersMaxRssMB: q.maxRssMB, annRecallAt10VsFlat: q.annRecallAt10VsFlat, refinedRecallAt10VsFlat: q.refinedRecallAt10VsFlat, keywordBreakdown: q.keywordBreakdown };
      res.oursRaw = q;
    }
    log(`scale ${n}: MiniSearch (naive), build + save`);
    res.miniBuild = await child('mini-build', { file, n }, { flags: [BIG_HEAP], timeoutMs: 4 * 3600_000, env: process.env });
    if (!res.miniBuild.error && existsSync(file)) {
      log(`scale ${n}: MiniSearch load + queries (budget ${miniBudgetMs / 1000} s per set)`);
      res.miniRaw = await child('mini-query', { file, count, budgetMs: miniBudgetMs }, { flags: [BIG_HEAP], timeoutMs: 3600_000, env: process.env });
      log(`scale ${n}: MiniSearch cold start`);
      res.miniCold = await coldStarts(coldMini(file, q0), n >= 50_000 ? 1 : coldRuns, [BIG_HEAP]);
    }
    log(`scale ${n}: memory bandwidth and JS full scan`);
    res.floor = await child('membw', { n }, { flags: [BIG_HEAP], timeoutMs: 1800_000, env: process.env });
    if (res.floor.jsScanMs) res.floor.jsScan = stats(res.floor.jsScanMs);
    delete res.floor.jsScanMs;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  res.latency = summarise(res.oursRaw, res.miniRaw);
  if (res.oursRaw?.error) res.queryError = res.oursRaw.error;
  if (res.miniRaw) res.miniQuery = { loadMs: res.miniRaw.loadMs, complete: res.miniRaw.complete, maxRssMB: res.miniRaw.maxRssMB, error: res.miniRaw.error };
  delete res.oursRaw;
  delete res.miniRaw;
  return res;
}

export async function scale(sizes, options) {
  const t = performance.now();
  const baseline = await run(process.execPath, ['-e', 'console.log("RESULT {}")']);
  const out = { sizes: [], nodeStartupMs: baseline.answerMs, settings: options };
  for (const n of sizes) out.sizes.push(await scaleSize(n, options));
  // The shipped path: Library.search() over a library built by the real ingest, ten passages per document.
  const docs = Math.min(10_000, Math.max(100, Math.round(Math.max(...sizes) / 100) * 10));
  log(`scale: Library.search() over ${docs} documents indexed from files`);
  out.library = await child('scale-library', { docs, count: options.count }, { timeoutMs: 6 * 3600_000 });
  // The same library read from object storage (issue 18), where a local S3 server can be started.
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0) {
    log(`scale: the same ${docs} documents read from s3:// (moto_server) against local disk`);
    out.remote = await child('scale-remote', { docs, count: Math.min(100, options.count) }, { timeoutMs: 6 * 3600_000 });
  }
  out.totalMs = performance.now() - t;
  return out;
}
