#!/usr/bin/env node
/**
 * Keyword search at scale: our design (LanceDB native FTS over a column of our
 * own Vietnamese terms, see indexer/store/lance.ts) against the naive peer
 * (one MiniSearch index over all passages, saved/loaded as JSON).
 *
 *   node bench/keyword-scale.mjs [--sizes 10000,100000] [--budget 40] [--no-probe]
 *
 * --budget: seconds per query set for MiniSearch (at 100k one question takes
 * ~10 s); ours is then also reported on the same leading subset of queries.
 *
 * Passages are synthesised from the ALQAC 2024 law articles (windows at random
 * offsets, sentence mixes across articles, spliced laws, numbers/dates/codes
 * replaced); queries are the 530 ALQAC questions and 2–4 word phrases cut
 * from them. Every measured phase runs in its own child process (fresh heap,
 * honest RSS); the parent only orchestrates. Uses the compiled modules in
 * dist/ (run `npx tsc -p tsconfig.json` first).
 *
 * Writes bench/results/keyword-scale.json and prints a table.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), '..');
const DATA = path.resolve(ROOT, '../shared/data/alqac2024');
const LANCE_JS = path.join(ROOT, 'dist/indexer/store/lance.js');
const TOKENIZE_JS = path.join(ROOT, 'dist/indexer/vietnamese/tokenize.js');
const RESULTS = path.join(ROOT, 'bench/results/keyword-scale.json');

const SEED = 20241126;
const BATCH = 2000;
const LIMIT = 50;
const SHORT_QUERIES = 300;
const INCREMENT = 2000;
const BIG_HEAP = '--max-old-space-size=8192';
const LANCEDB_VERSION = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@lancedb/lancedb/package.json'), 'utf8')).version;
/**
 * LanceDB 0.31 deadlocks building an FTS index of a few thousand of our passages
 * when its CPU pool has 2 threads (the default on a 2-core machine); 4 threads
 * avoid it. Lance children get LANCE_CPU_THREADS (unless already set), and a
 * probe records whether the default still hangs.
 */
const LANCE_CPU_THREADS = process.env.LANCE_CPU_THREADS ?? String(Math.max(4, os.cpus().length));
const LANCE_ENV = { ...process.env, LANCE_CPU_THREADS };
const DEFAULT_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'LANCE_CPU_THREADS'));
const PROBE_ROWS = 4000;

// ---------------------------------------------------------------- shared ----

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rngFor = (i, salt = 0) => mulberry32((Math.imul(i + 1, 2654435761) ^ SEED ^ Math.imul(salt, 40503)) >>> 0);
const pick = (rng, arr) => arr[Math.floor(rng() * arr.length)];

function loadJson(file) {
  return JSON.parse(readFileSync(path.join(DATA, file), 'utf8'));
}

/** Laws as word streams (space-split, newlines kept inside tokens) and sentences. */
function loadCorpus() {
  const laws = loadJson('law.json').map((law) => {
    const texts = law.articles.map((a) => a.text.replace(/\r/g, '').trim()).filter(Boolean);
    const words = texts.join('\n').split(/ +/).filter(Boolean);
    const sentences = texts
      .flatMap((t) => t.split(/\n+|(?<=[.;])\s+/))
      .map((s) => s.trim())
      .filter((s) => s.split(' ').length >= 4);
    return { id: law.id, words, sentences };
  });
  const totalWords = laws.reduce((n, l) => n + l.words.length, 0);
  return { laws, totalWords };
}

function pickLaw(rng, corpus) {
  let r = rng() * corpus.totalWords;
  for (const law of corpus.laws) {
    r -= law.words.length;
    if (r < 0) return law;
  }
  return corpus.laws[corpus.laws.length - 1];
}

function windowOf(rng, law, n) {
  const off = Math.floor(rng() * Math.max(1, law.words.length - n));
  return law.words.slice(off, off + n);
}

const CODE_KINDS = ['NĐ-CP', 'QĐ-TTg', 'TT-BTC', 'QĐ-UBND', 'NQ-HĐND', 'CT-TTg', 'TT-BTP', 'NQ/TW'];

function varyNumbers(rng, text) {
  return text.replace(/\d+/g, (d) => {
    const v = Number(d);
    if (d.length === 4 && v >= 1900 && v <= 2099) return String(1990 + Math.floor(rng() * 41));
    if (v <= 31) return String(1 + Math.floor(rng() * 31));
    const lo = 10 ** (d.length - 1);
    return String(lo + Math.floor(rng() * 9 * lo));
  });
}

/** Passage i, deterministic: any process can regenerate any range. */
function makePassage(corpus, i) {
  const rng = rngFor(i);
  const target = 150 + Math.floor(rng() * 101);
  const kind = rng();
  let words;
  if (kind < 0.45) {
    // A chunk of a law at a random offset (as a chunker with other boundaries would cut it).
    words = windowOf(rng, pickLaw(rng, corpus), target);
  } else if (kind < 0.85) {
    // Sentences mixed across articles: mostly one law, some from anywhere.
    const primary = pickLaw(rng, corpus);
    words = [];
    while (words.length < target) {
      const law = rng() < 0.7 ? primary : pick(rng, corpus.laws);
      words.push(...pick(rng, law.sentences).split(' '));
    }
    words = words.slice(0, 250);
  } else {
    // Two laws spliced (an amendment quoting another text).
    const half = Math.floor(target / 2);
    words = [...windowOf(rng, pickLaw(rng, corpus), half), ...windowOf(rng, pickLaw(rng, corpus), target - half)];
  }
  let text = words.join(' ');
  if (rng() < 0.6) text = varyNumbers(rng, text);
  if (rng() < 0.3) {
    const year = 1995 + Math.floor(rng() * 31);
    const code = `${1 + Math.floor(rng() * 500)}/${year}/${pick(rng, CODE_KINDS)}`;
    text = `Căn cứ văn bản số ${code} ngày ${1 + Math.floor(rng() * 28)} tháng ${1 + Math.floor(rng() * 12)} năm ${year}; ${text}`;
  }
  return text;
}

function passageRow(i, text, terms) {
  return {
    id: `p${i}`,
    docId: `d${Math.floor(i / 20)}`,
    ordinal: i % 20,
    text,
    terms: terms.join(' '),
    page: null,
    pageEnd: null,
    section: null,
    start: 0,
    end: text.length,
  };
}

/** Long queries (the questions) and short ones (2–4 word phrases cut from them), in a fixed shuffled order. */
function loadQueries() {
  const questions = loadJson('train.json').map((q) => q.text);
  const shuffle = (arr, salt) => {
    const rng = rngFor(0, salt);
    const a = [...arr];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const short = [];
  const rng = rngFor(0, 7);
  while (short.length < SHORT_QUERIES) {
    const words = pick(rng, questions).split(/\s+/);
    const k = 2 + Math.floor(rng() * 3);
    if (words.length < k) continue;
    const start = Math.floor(rng() * (words.length - k + 1));
    const phrase = words.slice(start, start + k);
    // No punctuation inside the phrase (it would span two clauses); strip it at the ends.
    if (phrase.slice(0, -1).some((w) => /[.,;:!?()"“”]$/.test(w))) continue;
    const q = phrase.join(' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (q.split(' ').length === k) short.push(q);
  }
  return { long: shuffle(questions, 3), short };
}

function stats(ms) {
  if (!ms || ms.length === 0) return null;
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function dirSize(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, f) => n + dirSize(path.join(p, f)), 0);
}

const maxRssMB = () => process.resourceUsage().maxRSS / 1024;
const mb = (bytes) => bytes / 1024 / 1024;

// -------------------------------------------------------------- children ----

async function childLanceBuild({ dir, n }) {
  const { LanceStore } = await import(pathToFileURL(LANCE_JS).href);
  const { indexTerms } = await import(pathToFileURL(TOKENIZE_JS).href);
  const lancedb = await import('@lancedb/lancedb');
  const corpus = loadCorpus();
  const store = await LanceStore.open(dir);
  let genMs = 0;
  let tokenizeMs = 0;
  let addMs = 0;
  let termCount = 0;
  let termChars = 0;
  const t0 = performance.now();
  for (let b = 0; b < n; b += BATCH) {
    const rows = [];
    for (let i = b; i < Math.min(n, b + BATCH); i++) {
      let t = performance.now();
      const text = makePassage(corpus, i);
      genMs += performance.now() - t;
      t = performance.now();
      const terms = indexTerms(text);
      tokenizeMs += performance.now() - t;
      termCount += terms.length;
      const row = passageRow(i, text, terms);
      termChars += row.terms.length;
      rows.push(row);
    }
    const t = performance.now();
    await store.addPassages(rows);
    addMs += performance.now() - t;
  }
  let t = performance.now();
  await store.ensureFullTextIndex(); // optimize() would do this first; timed apart to see the split
  const indexMs = performance.now() - t;
  t = performance.now();
  await store.optimize();
  const optimizeMs = performance.now() - t;
  const totalMs = performance.now() - t0 - genMs;
  const rows = await store.countPassages();
  store.close();
  const db = await lancedb.connect(dir);
  const table = await db.openTable('passages');
  const indices = await table.listIndices();
  const idx = indices.find((x) => x.columns.includes('terms'));
  const indexStats = idx ? await table.indexStats(idx.name) : null;
  const versions = (await table.listVersions()).length;
  // Our optimize() keeps old versions (LanceDB default: 7 days), so the pre-compaction
  // fragments stay on disk. Measure what a cleanup of old versions would leave.
  const diskBytes = dirSize(dir);
  t = performance.now();
  await table.optimize({ cleanupOlderThan: new Date() });
  const cleanupMs = performance.now() - t;
  const diskBytesAfterCleanup = dirSize(dir);
  table.close();
  db.close();
  return {
    diskBytes,
    diskBytesAfterCleanup,
    cleanupMs,
    rows,
    genMs,
    tokenizeMs,
    addMs,
    indexMs,
    optimizeMs,
    buildMs: totalMs, // tokenize + addPassages + index + optimize (generation excluded)
    termsPerPassage: termCount / n,
    termBytesPerPassage: termChars / n,
    index: idx ? { name: idx.name, type: idx.indexType, ...indexStats } : null,
    versions,
    maxRssMB: maxRssMB(),
  };
}

async function childLanceQuery({ dir }) {
  const tStart = performance.now();
  const { LanceStore } = await import(pathToFileURL(LANCE_JS).href);
  const { queryTerms } = await import(pathToFileURL(TOKENIZE_JS).href);
  const queries = loadQueries();
  const store = await LanceStore.open(dir);
  let t = performance.now();
  const first = await store.keywordSearch(queryTerms(queries.long[0]), LIMIT);
  const firstQueryMs = performance.now() - t;
  const inProcessFirstAnswerMs = performance.now() - tStart;
  for (const q of queries.short.slice(0, 5)) await store.keywordSearch(queryTerms(q), LIMIT); // warm-up
  const run = async (list) => {
    const out = [];
    let hits = 0;
    for (const q of list) {
      const t = performance.now();
      const r = await store.keywordSearch(queryTerms(q), LIMIT);
      out.push(performance.now() - t);
      hits += r.length;
    }
    return { ms: out, meanHits: hits / list.length };
  };
  const long = await run(queries.long);
  const short = await run(queries.short);
  store.close();
  return { firstQueryMs, inProcessFirstAnswerMs, firstHits: first.length, long, short, maxRssMB: maxRssMB() };
}

async function childLanceIncrement({ dir, n }) {
  const { LanceStore } = await import(pathToFileURL(LANCE_JS).href);
  const { indexTerms, queryTerms } = await import(pathToFileURL(TOKENIZE_JS).href);
  const lancedb = await import('@lancedb/lancedb');
  const corpus = loadCorpus();
  const queries = loadQueries();
  const store = await LanceStore.open(dir);
  const db = await lancedb.connect(dir);
  const idxStats = async () => {
    const table = await db.openTable('passages');
    const idx = (await table.listIndices()).find((x) => x.columns.includes('terms'));
    const s = idx ? await table.indexStats(idx.name) : null;
    table.close();
    return s;
  };
  const sample = queries.short.slice(0, 100);
  const timeQueries = async () => {
    const out = [];
    for (const q of sample) {
      const t = performance.now();
      await store.keywordSearch(queryTerms(q), LIMIT);
      out.push(performance.now() - t);
    }
    return stats(out);
  };
  await timeQueries(); // warm
  const before = await timeQueries();
  const rows = [];
  for (let i = n; i < n + INCREMENT; i++) {
    const text = makePassage(corpus, i);
    const row = passageRow(i, text, [...indexTerms(text), `kttmarker${i}`]);
    rows.push(row);
  }
  let t = performance.now();
  await store.addPassages(rows);
  const addMs = performance.now() - t;
  const statsAfterAdd = await idxStats();
  const probe = await store.keywordSearch([`kttmarker${n + 7}`], LIMIT);
  const foundBeforeOptimize = probe.some((r) => r.id === `p${n + 7}`);
  const unindexed = await timeQueries();
  t = performance.now();
  await store.optimize();
  const optimizeMs = performance.now() - t;
  const statsAfterOptimize = await idxStats();
  const probe2 = await store.keywordSearch([`kttmarker${n + 7}`], LIMIT);
  const after = await timeQueries();
  store.close();
  db.close();
  return {
    added: INCREMENT,
    addMs,
    optimizeMs,
    foundBeforeOptimize,
    foundAfterOptimize: probe2.some((r) => r.id === `p${n + 7}`),
    statsAfterAdd,
    statsAfterOptimize,
    shortQueryMs: { before, withUnindexedRows: unindexed, afterOptimize: after },
  };
}

function miniOptions(indexTerms, timer) {
  return {
    fields: ['text'],
    storeFields: [],
    tokenize: timer
      ? (text) => {
          const t = performance.now();
          const terms = indexTerms(text);
          timer.ms += performance.now() - t;
          return terms;
        }
      : (text) => indexTerms(text),
    processTerm: (t) => t,
  };
}

async function childMiniBuild({ file, n }) {
  const { default: MiniSearch } = await import('minisearch');
  const { indexTerms } = await import(pathToFileURL(TOKENIZE_JS).href);
  const corpus = loadCorpus();
  const timer = { ms: 0 };
  const ms = new MiniSearch(miniOptions(indexTerms, timer));
  let genMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const text = makePassage(corpus, i);
    genMs += performance.now() - t;
    ms.add({ id: `p${i}`, text });
  }
  const buildMs = performance.now() - t0 - genMs;
  global.gc?.();
  const heapAfterBuildMB = mb(process.memoryUsage().heapUsed);
  const out = { buildMs, tokenizeMs: timer.ms, genMs, heapAfterBuildMB, terms: ms.termCount };
  let t = performance.now();
  let json;
  try {
    json = JSON.stringify(ms);
  } catch (e) {
    return { ...out, error: `JSON.stringify failed: ${e.message}`, maxRssMB: maxRssMB() };
  }
  out.stringifyMs = performance.now() - t;
  t = performance.now();
  writeFileSync(file, json);
  out.writeMs = performance.now() - t;
  out.jsonBytes = statSync(file).size;
  out.maxRssMB = maxRssMB();
  return out;
}

async function childMiniQuery({ file, budgetMs }) {
  const tStart = performance.now();
  const { default: MiniSearch } = await import('minisearch');
  const { indexTerms } = await import(pathToFileURL(TOKENIZE_JS).href);
  const queries = loadQueries();
  let t = performance.now();
  const json = readFileSync(file, 'utf8');
  const readMs = performance.now() - t;
  t = performance.now();
  const ms = MiniSearch.loadJSON(json, miniOptions(indexTerms));
  const loadMs = performance.now() - t;
  global.gc?.();
  const heapAfterLoadMB = mb(process.memoryUsage().heapUsed);
  const search = (q) => ms.search(q, { combineWith: 'OR' }).slice(0, LIMIT);
  t = performance.now();
  const first = search(queries.long[0]);
  const firstQueryMs = performance.now() - t;
  const inProcessFirstAnswerMs = performance.now() - tStart;
  for (const q of queries.short.slice(0, 5)) search(q); // warm-up
  const run = (list) => {
    const out = [];
    let hits = 0;
    const deadline = performance.now() + budgetMs;
    for (const q of list) {
      const t = performance.now();
      hits += search(q).length;
      out.push(performance.now() - t);
      if (performance.now() > deadline) break;
    }
    return { ms: out, meanHits: hits / out.length, complete: out.length === list.length };
  };
  const long = run(queries.long);
  const short = run(queries.short);
  return { readMs, loadMs, heapAfterLoadMB, firstQueryMs, inProcessFirstAnswerMs, firstHits: first.length, long, short, maxRssMB: maxRssMB() };
}

/** Build the FTS index over PROBE_ROWS passages: does it finish with LanceDB's default thread pool? */
async function childLanceProbe({ dir }) {
  const { LanceStore } = await import(pathToFileURL(LANCE_JS).href);
  const { indexTerms } = await import(pathToFileURL(TOKENIZE_JS).href);
  const corpus = loadCorpus();
  const store = await LanceStore.open(dir);
  for (let b = 0; b < PROBE_ROWS; b += BATCH) {
    const rows = [];
    for (let i = b; i < b + BATCH; i++) {
      const text = makePassage(corpus, i);
      rows.push(passageRow(i, text, indexTerms(text)));
    }
    await store.addPassages(rows);
  }
  const t = performance.now();
  await store.ensureFullTextIndex();
  const indexMs = performance.now() - t;
  store.close();
  return { rows: PROBE_ROWS, indexMs };
}

const CHILDREN = {
  'lance-probe': childLanceProbe,
  'lance-build': childLanceBuild,
  'lance-query': childLanceQuery,
  'lance-increment': childLanceIncrement,
  'mini-build': childMiniBuild,
  'mini-query': childMiniQuery,
};

// --------------------------------------------------------- cold start code --

const coldLance = (dir, query) => `
const t0 = performance.now();
const { LanceStore } = await import(${JSON.stringify(pathToFileURL(LANCE_JS).href)});
const { queryTerms } = await import(${JSON.stringify(pathToFileURL(TOKENIZE_JS).href)});
const store = await LanceStore.open(${JSON.stringify(dir)});
const hits = await store.keywordSearch(queryTerms(${JSON.stringify(query)}), ${LIMIT});
console.log('RESULT ' + JSON.stringify({ hits: hits.length, sinceProcessStartMs: performance.now(), scriptMs: performance.now() - t0, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
store.close();
`;

const coldMini = (file, query) => `
const t0 = performance.now();
const { readFileSync } = await import('node:fs');
const { default: MiniSearch } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'node_modules/minisearch/dist/es/index.js')).href)});
const { indexTerms } = await import(${JSON.stringify(pathToFileURL(TOKENIZE_JS).href)});
const ms = MiniSearch.loadJSON(readFileSync(${JSON.stringify(file)}, 'utf8'), { fields: ['text'], storeFields: [], tokenize: (t) => indexTerms(t), processTerm: (t) => t });
const hits = ms.search(${JSON.stringify(query)}, { combineWith: 'OR' }).slice(0, ${LIMIT});
console.log('RESULT ' + JSON.stringify({ hits: hits.length, sinceProcessStartMs: performance.now(), scriptMs: performance.now() - t0, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
`;

// ---------------------------------------------------------------- parent ----

/** Spawn node; resolve with the RESULT line's JSON, the wall time to it, and stderr. */
function runNode(args, { timeoutMs = 600_000, cwd = ROOT, env = process.env } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let answerMs = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (answerMs === null && stdout.includes('RESULT ')) answerMs = performance.now() - t0;
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const exitMs = performance.now() - t0;
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      let result = null;
      try {
        result = line ? JSON.parse(line.slice(7)) : null;
      } catch {
        /* reported below */
      }
      if (!result) result = { error: timedOut ? `timed out after ${timeoutMs / 1000} s` : `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
      resolve({ result, answerMs, exitMs, stderr });
    });
  });
}

function runChild(role, args, { flags = [], timeoutMs, env } = {}) {
  return runNode([...flags, SCRIPT, '--child', role, JSON.stringify(args)], { timeoutMs, env });
}

const warnings = new Set();
function noteStderr(phase, stderr) {
  for (const line of stderr.split('\n')) {
    const l = line.trim();
    if (l && !l.startsWith('RESULT')) warnings.add(`[${phase}] ${l.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '').slice(0, 300)}`);
  }
}

function log(msg) {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);
}

async function coldStarts(code, times, phase, flags = [], env = process.env) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const r = await runNode([...flags, '--input-type=module', '-e', code], { timeoutMs: 300_000, env });
    noteStderr(phase, r.stderr);
    runs.push({ wallToAnswerMs: r.answerMs, wallToExitMs: r.exitMs, ...r.result });
  }
  const ok = runs.filter((r) => r.wallToAnswerMs != null);
  const med = (k) => stats(ok.map((r) => r[k]))?.p50 ?? null;
  return { runs, wallToAnswerMs: med('wallToAnswerMs'), maxRssMB: med('maxRssMB'), error: ok.length ? undefined : runs[0]?.error };
}

async function benchSize(n, budgetMs) {
  const res = { passages: n };
  const dir = mkdtempSync(path.join(os.tmpdir(), `kho-kwscale-${n}-`));
  const lanceDir = path.join(dir, 'lance');
  const jsonFile = path.join(dir, 'minisearch.json');
  const queries = loadQueries();
  try {
    // ---- ours
    log(`${n}: LanceDB build`);
    let r = await runChild('lance-build', { dir: lanceDir, n }, { timeoutMs: 600_000, env: LANCE_ENV });
    noteStderr('lance-build', r.stderr);
    res.lanceBuild = r.result;
    if (!r.result.error) {
      log(`${n}: LanceDB queries`);
      r = await runChild('lance-query', { dir: lanceDir }, { env: LANCE_ENV });
      noteStderr('lance-query', r.stderr);
      res.lanceQuery = r.result;
      log(`${n}: LanceDB cold starts`);
      res.lanceCold = await coldStarts(coldLance(lanceDir, queries.long[0]), 3, 'lance-cold', [], LANCE_ENV);
    }

    // ---- MiniSearch, naive
    log(`${n}: MiniSearch build`);
    r = await runChild('mini-build', { file: jsonFile, n }, { flags: [BIG_HEAP, '--expose-gc'], timeoutMs: 600_000 });
    noteStderr('mini-build', r.stderr);
    res.miniBuild = r.result;
    if (!r.result.error && existsSync(jsonFile)) {
      log(`${n}: MiniSearch load + queries (budget ${budgetMs / 1000} s per query set)`);
      r = await runChild('mini-query', { file: jsonFile, budgetMs }, { flags: [BIG_HEAP, '--expose-gc'], timeoutMs: 900_000 });
      noteStderr('mini-query', r.stderr);
      res.miniQuery = r.result;
      log(`${n}: MiniSearch cold starts`);
      res.miniCold = await coldStarts(coldMini(jsonFile, queries.long[0]), n >= 50_000 ? 1 : 3, 'mini-cold', [BIG_HEAP]);
    }

    // ---- incremental adds on ours (after everything else: it changes the store)
    if (!res.lanceBuild.error) {
      log(`${n}: LanceDB +${INCREMENT} rows, before/after optimize`);
      r = await runChild('lance-increment', { dir: lanceDir, n }, { env: LANCE_ENV });
      noteStderr('lance-increment', r.stderr);
      res.lanceIncrement = r.result;
      res.lanceIncrement.diskBytesAfter = dirSize(lanceDir);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  summarise(res);
  return res;
}

/** Latency stats; ours also over the same leading subset MiniSearch finished within its budget. */
function summarise(res) {
  for (const set of ['long', 'short']) {
    const mini = res.miniQuery?.[set];
    const ours = res.lanceQuery?.[set];
    if (mini) {
      mini.stats = stats(mini.ms);
      delete mini.ms;
    }
    if (ours) {
      ours.stats = stats(ours.ms);
      if (mini?.stats) ours.statsSameSubset = stats(ours.ms.slice(0, mini.stats.n));
      delete ours.ms;
    }
  }
}

function table(all) {
  const f = (v, unit = '') => (v == null || Number.isNaN(v) ? '—' : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${unit}`);
  const sec = (ms) => (ms == null ? null : ms / 1000);
  const rows = [
    ['build (s)', (r) => sec(r.lanceBuild?.buildMs), (r) => sec(r.miniBuild?.buildMs)],
    ['  of which tokenizing (s)', (r) => sec(r.lanceBuild?.tokenizeMs), (r) => sec(r.miniBuild?.tokenizeMs)],
    ['  of which FTS index / -- (s)', (r) => sec(r.lanceBuild?.indexMs), () => null],
    ['on disk (MB)', (r) => r.lanceBuild?.diskBytes && mb(r.lanceBuild.diskBytes), (r) => r.miniBuild?.jsonBytes && mb(r.miniBuild.jsonBytes)],
    ['  on disk after cleanup (MB)', (r) => r.lanceBuild?.diskBytesAfterCleanup && mb(r.lanceBuild.diskBytesAfterCleanup), (r) => r.miniBuild?.jsonBytes && mb(r.miniBuild.jsonBytes)],
    ['load (s)', () => null, (r) => sec(r.miniQuery?.loadMs)],
    ['heap after load (MB)', () => null, (r) => r.miniQuery?.heapAfterLoadMB],
    ['query process peak RSS (MB)', (r) => r.lanceQuery?.maxRssMB, (r) => r.miniQuery?.maxRssMB],
    ['questions p50 (ms)', (r) => (r.lanceQuery?.long.statsSameSubset ?? r.lanceQuery?.long.stats)?.p50, (r) => r.miniQuery?.long.stats?.p50],
    ['questions p95 (ms)', (r) => (r.lanceQuery?.long.statsSameSubset ?? r.lanceQuery?.long.stats)?.p95, (r) => r.miniQuery?.long.stats?.p95],
    ['short p50 (ms)', (r) => (r.lanceQuery?.short.statsSameSubset ?? r.lanceQuery?.short.stats)?.p50, (r) => r.miniQuery?.short.stats?.p50],
    ['short p95 (ms)', (r) => (r.lanceQuery?.short.statsSameSubset ?? r.lanceQuery?.short.stats)?.p95, (r) => r.miniQuery?.short.stats?.p95],
    ['cold start to 1st answer (s)', (r) => sec(r.lanceCold?.wallToAnswerMs), (r) => sec(r.miniCold?.wallToAnswerMs)],
    ['cold process peak RSS (MB)', (r) => r.lanceCold?.maxRssMB, (r) => r.miniCold?.maxRssMB],
  ];
  const header = ['metric', ...all.flatMap((r) => [`ours ${r.passages / 1000}k`, `Mini ${r.passages / 1000}k`, 'ours/Mini'])];
  const lines = [header];
  for (const [name, ours, mini] of rows) {
    lines.push([
      name,
      ...all.flatMap((r) => {
        const a = ours(r);
        const b = mini(r);
        return [f(a), f(b), a != null && b ? `${f(a / b)}×` : '—'];
      }),
    ]);
  }
  const width = header.map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  return lines.map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(width[c]) : cell.padStart(width[c]))).join('  ')).join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    const out = await CHILDREN[argv[1]](JSON.parse(argv[2]));
    process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
    return;
  }
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  const sizes = opt('--sizes', '10000,100000').split(',').map(Number);
  const budgetMs = Number(opt('--budget', '40')) * 1000;
  for (const f of [LANCE_JS, TOKENIZE_JS]) {
    if (!existsSync(f)) throw new Error(`${path.relative(ROOT, f)} missing: run npx tsc -p tsconfig.json`);
  }
  const t0 = performance.now();
  const baseline = await runNode(['-e', 'console.log("RESULT {}")']);
  const loadBefore = os.loadavg();
  let probe = null;
  if (!argv.includes('--no-probe')) {
    log(`probe: FTS index over ${PROBE_ROWS} passages with LanceDB's default CPU pool (${os.cpus().length} cores), 45 s limit`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kho-kwscale-probe-'));
    const r = await runChild('lance-probe', { dir: path.join(dir, 'lance') }, { timeoutMs: 45_000, env: DEFAULT_ENV });
    rmSync(dir, { recursive: true, force: true });
    noteStderr('lance-probe', r.stderr);
    probe = { env: `LANCE_CPU_THREADS unset, ${os.cpus().length} cores`, ...r.result };
  }
  const results = [];
  for (const n of sizes) results.push(await benchSize(n, budgetMs));
  const out = {
    date: new Date().toISOString(),
    lancedb: LANCEDB_VERSION,
    lanceCpuThreads: LANCE_CPU_THREADS,
    defaultPoolProbe: probe,
    loadAverage: { before: loadBefore, after: os.loadavg() },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    command: `node bench/keyword-scale.mjs --sizes ${sizes.join(',')} --budget ${budgetMs / 1000}`,
    settings: { batch: BATCH, limit: LIMIT, shortQueries: SHORT_QUERIES, miniQueryBudgetSecondsPerSet: budgetMs / 1000, increment: INCREMENT },
    nodeStartupMs: baseline.answerMs,
    results,
    warnings: [...warnings],
    totalSeconds: (performance.now() - t0) / 1000,
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(out, null, 2) + '\n');
  console.log(table(results));
  console.log(`\nqueries: ${loadQueries().long.length} questions, ${SHORT_QUERIES} short phrases; limit ${LIMIT}; ours/Mini < 1 means ours is smaller/faster.`);
  for (const r of results) {
    const ml = r.miniQuery?.long.stats;
    const msh = r.miniQuery?.short.stats;
    if (ml && msh && (!r.miniQuery.long.complete || !r.miniQuery.short.complete)) {
      console.log(`${r.passages}: MiniSearch hit its time budget: ${ml.n} questions, ${msh.n} short queries measured; ours compared on the same ones.`);
      const a = r.lanceQuery?.long.stats;
      const b = r.lanceQuery?.short.stats;
      if (a && b) console.log(`${r.passages}: ours over all queries: questions p50 ${f1(a.p50)} / p95 ${f1(a.p95)} ms, short p50 ${f1(b.p50)} / p95 ${f1(b.p95)} ms`);
    }
    if (r.miniBuild?.error) console.log(`${r.passages}: MiniSearch: ${r.miniBuild.error}`);
    if (r.miniQuery?.error) console.log(`${r.passages}: MiniSearch query: ${r.miniQuery.error}`);
    if (r.lanceBuild?.error) console.log(`${r.passages}: LanceDB: ${r.lanceBuild.error}`);
    const inc = r.lanceIncrement;
    if (inc && !inc.error) {
      const s = inc.shortQueryMs;
      console.log(
        `${r.passages}: +${inc.added} rows: add ${f1(inc.addMs / 1000)} s; found before optimize: ${inc.foundBeforeOptimize}; ` +
          `unindexed rows after add: ${inc.statsAfterAdd?.numUnindexedRows}; optimize ${f1(inc.optimizeMs / 1000)} s ` +
          `(first build: index ${f1(r.lanceBuild.indexMs / 1000)} s + optimize ${f1(r.lanceBuild.optimizeMs / 1000)} s); ` +
          `short p50 ${f1(s.before?.p50)} → ${f1(s.withUnindexedRows?.p50)} (unindexed) → ${f1(s.afterOptimize?.p50)} ms`,
      );
    }
  }
  if (probe) console.log(`LanceDB ${LANCEDB_VERSION}: FTS index over ${PROBE_ROWS} passages with the default CPU pool (${os.cpus().length} cores): ${probe.error ? probe.error + ' (deadlock)' : f1(probe.indexMs / 1000) + ' s'}; measured runs use LANCE_CPU_THREADS=${LANCE_CPU_THREADS}`);
  console.log(`load average before/after: ${loadBefore.map((x) => x.toFixed(1)).join(' ')} / ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`node startup alone: ${f1(baseline.answerMs)} ms; total run ${f1(out.totalSeconds)} s; JSON: ${path.relative(ROOT, RESULTS)}`);
  if (warnings.size) console.log(`stderr from children:\n  ${[...warnings].slice(0, 20).join('\n  ')}`);
}

const f1 = (v) => (v == null ? '—' : v.toFixed(1));

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
