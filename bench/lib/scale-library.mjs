/**
 * The shipped search path at scale: `Library.search()` over a library built
 * by the real ingest (`Library.index()` on files), not the ranking functions
 * alone. N synthetic administrative documents with Decree 30 headers
 * (decree-docs.mjs: type, number, issuer and date are read from the text;
 * some decisions replace earlier ones, so validity is real), about ten
 * passages each, their articles cut from ALQAC law text (synth.mjs). Keyword
 * mode (no model), so query embedding is excluded by construction.
 *
 * Timed per query set (p50/p95): a short query, a 30-word question, filters
 * only, a short query with two filters — each response carries its facets
 * over the whole match set — and, in the same run, naive MiniSearch over the
 * same passages for the short queries. Facet counts are checked against a
 * plain count of the catalogue.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, maxRssMB, stats } from './util.mjs';
import { passage, queries } from './synth.mjs';
import { decreeDocument, ISSUERS, seeded } from './decree-docs.mjs';

const TYPES = ['quyet-dinh', 'ke-hoach', 'bao-cao', 'thong-bao'];
const ARTICLES = 9;

const numberOf = (i) => Math.floor(i / 16) + 1;
const issuerOf = (i) => ISSUERS[i % ISSUERS.length];

/** Document i: its folder (its type), file name and text. */
export function libraryDocument(i) {
  const type = TYPES[i % TYPES.length];
  const year = 2015 + (i % 10);
  const date = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  const articles = [];
  for (let k = 0; k < ARTICLES; k++) articles.push(passage(i * ARTICLES + k).split(' ').slice(0, 150).join(' '));
  // Every 40th decision (from the 400th) replaces the one 16 documents earlier of its issuer and type.
  const replaces = type === 'quyet-dinh' && i >= 400 && i % 40 === 0 ? `${numberOf(i - 16)}/QĐ-${issuerOf(i - 16).symbol}` : null;
  const summary = `Về việc ${passage(i * 7 + 3).split(' ').slice(0, 12).join(' ')}`;
  const { text } = decreeDocument({ type, number: numberOf(i), date, issuer: issuerOf(i), summary, articles, replaces });
  return { folder: type, name: `${type}-${String(i).padStart(5, '0')}.txt`, text };
}

/** Write documents 0…docs-1 into `folder`, one sub-folder per type (the library the scale benchmarks index). */
export function writeLibraryFolder(folder, docs) {
  for (let i = 0; i < docs; i++) {
    const d = libraryDocument(i);
    mkdirSync(path.join(folder, d.folder), { recursive: true });
    writeFileSync(path.join(folder, d.folder, d.name), d.text);
  }
}

/** 30-word questions: ALQAC questions of at least 30 words, cut to 30. */
function questions(count) {
  return queries().long.filter((q) => q.split(/\s+/).length >= 30).slice(0, count).map((q) => q.split(/\s+/).slice(0, 30).join(' '));
}

async function timed(library, list) {
  const ms = [];
  let last = null;
  for (const query of list) {
    const t = performance.now();
    last = await library.search({ query, limit: 10 });
    ms.push(performance.now() - t);
  }
  return { ms, last };
}

/** Child role `scale-library`: build through Library.index(), then time Library.search() and MiniSearch. */
export async function libraryScale({ docs, count }) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kho-bench-library-'));
  const folder = path.join(tmp, 'thu-vien');
  try {
    writeLibraryFolder(folder, docs);
    const { Library } = await dist('library/library.js');
    const library = await Library.open({ dataDir: path.join(tmp, 'data'), embedInWorker: false });
    let t = performance.now();
    const summary = await library.index({ paths: [folder] });
    const indexMs = performance.now() - t;
    const status = await library.status();

    const rng = seeded(30);
    const short = queries().short.slice(0, count);
    const asked = questions(count);
    const filterOnly = Array.from({ length: count }, (_, i) => [`loai:quyet-dinh nam:${2015 + (i % 10)}`, `loai:ke-hoach thumuc:ke-hoach`, 'hieuluc:het', `coquan:"${['Sở Khoa học', 'Cục Thuế', 'UBND thành phố', 'Sở Thông tin'][i % 4]}"`][i % 4]);
    const filtered = short.map((q, i) => `${q} loai:${TYPES[i % 4]} nam:${2015 + Math.floor(rng() * 10)}`);
    // Warm: the first search builds the views (policy, document index) once per catalogue version.
    t = performance.now();
    await library.search({ query: short[0], limit: 10 });
    const firstSearchMs = performance.now() - t;
    const sets = { short, question: asked, filterOnly, filtered };
    const ms = {};
    const checks = {};
    for (const [name, list] of Object.entries(sets)) {
      const { ms: times, last } = await timed(library, list);
      ms[name] = stats(times);
      checks[name] = { total: last?.total ?? null, partial: last?.partial ?? null };
    }
    // Facets exact: a filter-only listing's type counts against the catalogue.
    const listing = await library.search({ query: 'nam:2019', limit: 1 });
    const byType = Object.fromEntries(listing.facets.loai.map((f) => [f.value, f.count]));
    const expected = {};
    for (let i = 0; i < docs; i++) if (2015 + (i % 10) === 2019) expected[TYPES[i % TYPES.length]] = (expected[TYPES[i % TYPES.length]] ?? 0) + 1;
    const facetsExact = listing.total.documents === Object.values(expected).reduce((a, b) => a + b, 0) && TYPES.every((type) => (byType[type] ?? 0) === (expected[type] ?? 0));
    const oursRss = maxRssMB();
    await library.close();

    // Naive MiniSearch over the same passages, in the same run.
    const { default: MiniSearch } = await import('minisearch');
    const { LanceStore } = await dist('store/lance.js');
    const store = await LanceStore.open(path.join(tmp, 'data', 'lancedb'));
    const mini = new MiniSearch({ fields: ['text'], storeFields: [] });
    t = performance.now();
    for await (const batch of store.passagesWhere(null, 2000)) mini.addAll(batch.map((p) => ({ id: p.id, text: p.text })));
    const miniBuildMs = performance.now() - t;
    store.close();
    const miniMs = [];
    for (const q of short) {
      const t0 = performance.now();
      mini.search(q).slice(0, 10);
      miniMs.push(performance.now() - t0);
    }
    return {
      docs, passages: status.passages, indexed: summary.indexed, failed: summary.failed.length, indexMs, firstSearchMs,
      ms, checks, facetsExact, mini: { buildMs: miniBuildMs, short: stats(miniMs) }, maxRssMB: oursRss,
      targets: { shortP95Ms: 50, filteredP95Ms: 50, questionP95Ms: 100 },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
