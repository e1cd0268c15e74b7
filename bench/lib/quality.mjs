/**
 * Retrieval quality on ALQAC 2024: laws as documents (one article = one
 * retrievable unit), the questions as queries, accented and accent-stripped.
 * Ours (scripts/eval-alqac.mjs's evaluate: the product's terms, LanceDB FTS and
 * ranking) against Recoll (recollindex + recollq, one text file per article) and
 * LanceDB's native full-text index with its default tokenizer — all in one run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALQAC, child, dist, loadJson, log, maxRssMB, ROOT, run, TEST_MODEL_ID, which } from './util.mjs';

const K = 10;

/** The same spread-out subset scripts/eval-alqac.mjs takes for --subset N. */
export function questionSet(subset) {
  let questions = loadJson(path.join(ALQAC, 'train.json'));
  if (subset) questions = questions.filter((_, i) => i % Math.max(1, Math.floor(questions.length / subset)) === 0).slice(0, subset);
  return questions;
}

/** Articles as units: key `lawIndex:articleId`, with the text every engine indexes. */
export function articles() {
  const laws = loadJson(path.join(ALQAC, 'law.json'));
  const lawIndex = new Map(laws.map((l, i) => [l.id, i]));
  const units = [];
  laws.forEach((law, i) => {
    for (const a of law.articles) units.push({ key: `${i}:${a.id}`, law: law.id, text: `${law.id}\nĐiều ${a.id}. ${a.text}` });
  });
  return { units, lawIndex };
}

const relevantKeys = (q, lawIndex) => new Set(q.relevant_articles.filter((a) => lawIndex.has(a.law_id)).map((a) => `${lawIndex.get(a.law_id)}:${a.article_id}`));

/** recall@1, recall@10, MRR@10, nDCG@10 — the same definitions as scripts/eval-alqac.mjs. */
export function metrics(rankedPerQuestion, questions, lawIndex) {
  const t = { r1: 0, r10: 0, mrr: 0, ndcg: 0, n: 0 };
  questions.forEach((q, qi) => {
    const rel = relevantKeys(q, lawIndex);
    if (rel.size === 0) return;
    const ranked = (rankedPerQuestion[qi] ?? []).slice(0, K);
    const at = (k) => ranked.slice(0, k).filter((id) => rel.has(id)).length;
    t.n++;
    t.r1 += at(1);
    t.r10 += at(K) / rel.size;
    const first = ranked.findIndex((id) => rel.has(id));
    t.mrr += first >= 0 ? 1 / (first + 1) : 0;
    const dcg = ranked.reduce((s, id, i) => s + (rel.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
    let ideal = 0;
    for (let i = 0; i < Math.min(rel.size, K); i++) ideal += 1 / Math.log2(i + 2);
    t.ndcg += dcg / ideal;
  });
  return { questions: t.n, recallAt1: t.r1 / t.n, recallAt10: t.r10 / t.n, mrrAt10: t.mrr / t.n, ndcgAt10: t.ndcg / t.n };
}

// ------------------------------------------------------------ children ----

export async function childOurs({ subset }) {
  const { evaluate } = await import(pathToFileURL(path.join(ROOT, 'scripts/eval-alqac.mjs')).href);
  const t = performance.now();
  const r = await evaluate({ subset });
  return { accented: r.accented, unaccented: r.unaccented, totalMs: performance.now() - t, maxRssMB: maxRssMB() };
}

export async function childLanceDefault({ subset, dir }) {
  const lancedb = await import('@lancedb/lancedb');
  const { foldAccents } = await dist('common/normalize.js');
  const { units, lawIndex } = articles();
  const questions = questionSet(subset);
  const db = await lancedb.connect(dir);
  let t = performance.now();
  const table = await db.createTable('articles', units.map((u) => ({ id: u.key, text: u.text })));
  await table.createIndex('text', { config: lancedb.Index.fts() });
  const buildMs = performance.now() - t;
  const out = { buildMs };
  for (const variant of ['accented', 'unaccented']) {
    const ranked = [];
    t = performance.now();
    for (const q of questions) {
      const text = variant === 'accented' ? q.text : foldAccents(q.text);
      const rows = await table.query().fullTextSearch(text.replace(/["'()\[\]{}:^~*?\\+\-!]/g, ' '), { columns: ['text'] }).select(['id']).limit(K).toArray();
      ranked.push(rows.map((r) => r.id));
    }
    out[variant] = { ...metrics(ranked, questions, lawIndex), msPerQuery: (performance.now() - t) / questions.length };
  }
  table.close();
  db.close();
  return { ...out, maxRssMB: maxRssMB() };
}

// -------------------------------------------------------------- parent ----

/** Recoll: one .txt per article in a private config; recollq in ANY-term mode (the GUI's simple search). */
async function recoll(subset, tmp) {
  if (!which('recollindex') || !which('recollq')) return { skipped: 'recoll is not installed (Debian: apt-get install recollcmd)' };
  const { foldAccents } = await dist('common/normalize.js');
  const { units, lawIndex } = articles();
  const questions = questionSet(subset);
  const docs = path.join(tmp, 'docs');
  const conf = path.join(tmp, 'conf');
  mkdirSync(docs, { recursive: true });
  mkdirSync(conf, { recursive: true });
  const names = new Map();
  units.forEach((u, i) => {
    const name = `a${i}.txt`;
    names.set(name, u.key);
    writeFileSync(path.join(docs, name), u.text);
  });
  writeRecollConf(conf, docs);
  const t = performance.now();
  const idx = await run('recollindex', ['-c', conf], { env: { ...process.env, RECOLL_CONFDIR: conf } });
  const buildMs = performance.now() - t;
  if (idx.code !== 0) return { error: `recollindex exit ${idx.code}: ${idx.stderr.slice(-300)}` };
  const out = { buildMs, settings: 'recollq -o (any term), default unac (accent- and case-insensitive), no stemming' };
  for (const variant of ['accented', 'unaccented']) {
    const ranked = [];
    const t0 = performance.now();
    for (const q of questions) {
      const text = (variant === 'accented' ? q.text : foldAccents(q.text)).replace(/["()]/g, ' ');
      const r = await run('recollq', ['-c', conf, '-o', '-b', '-n', String(K), text], { timeoutMs: 60_000 });
      ranked.push(
        r.stdout
          .split('\n')
          .filter((l) => l.startsWith('file://'))
          .map((l) => names.get(path.basename(l.trim()))),
      );
    }
    out[variant] = { ...metrics(ranked, questions, lawIndex), msPerQuery: (performance.now() - t0) / questions.length, note: 'per query includes spawning recollq' };
  }
  return out;
}

export function writeRecollConf(conf, topdir) {
  writeFileSync(
    path.join(conf, 'recoll.conf'),
    [`topdirs = ${topdir}`, `dbdir = ${path.join(conf, 'xapiandb')}`, 'indexStemmingLanguages =', 'noaspell = 1', 'loglevel = 1', ''].join('\n'),
  );
}

/** A real embedding model to measure, from KHO_BENCH_MODELS_DIR + KHO_BENCH_MODEL_ID (none by default: only the test model exists here). */
function realModel() {
  const modelsDir = process.env.KHO_BENCH_MODELS_DIR;
  const id = process.env.KHO_BENCH_MODEL_ID;
  return modelsDir && id && id !== TEST_MODEL_ID ? { modelsDir, id } : null;
}

export async function quality({ subset }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kho-bench-quality-'));
  try {
    log(`quality: ours keyword${subset ? ` (subset ${subset})` : ''}`);
    const ours = await child('quality-ours', { subset }, { timeoutMs: 1_200_000 });
    log('quality: LanceDB FTS, default tokenizer');
    const lance = await child('quality-lance', { subset, dir: path.join(tmp, 'lance') }, { timeoutMs: 1_200_000 });
    log('quality: Recoll');
    const rec = await recoll(subset, path.join(tmp, 'recoll'));
    const model = realModel();
    let oursHybrid = { skipped: `test model only (${TEST_MODEL_ID}, an ONNX Gather lookup table, not a language model): vector and hybrid quality would be meaningless; set KHO_BENCH_MODELS_DIR and KHO_BENCH_MODEL_ID to measure a real model` };
    let oursVector = oursHybrid;
    if (model) {
      log(`quality: ours hybrid and vector-only with ${model.id}`);
      const v = await child('quality-vector', { subset, ...model }, { timeoutMs: 4 * 3600_000 });
      oursHybrid = v.error ? { error: v.error } : { ...v.hybrid, model: v.model, embedMs: v.embedMs };
      oursVector = v.error ? { error: v.error } : { ...v.vector, model: v.model };
    }
    return { questions: questionSet(subset).length, subset: subset ?? null, engines: { ours, lanceDefault: lance, recoll: rec, oursHybrid, oursVector } };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
