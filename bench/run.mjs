#!/usr/bin/env node
/**
 * The benchmark (issue 8): every figure next to a peer measured in the same run.
 *
 *   npm run bench          full run: ALQAC quality, 10k + 100k passages, extraction, embedding
 *                          → bench/results/bench.json, bench/REPORT.md, bench/charts/*.svg
 *   npm run bench:quick    CI smoke (< 1 min): ALQAC subset, 2k passages, a few files
 *                          → bench/results/quick/ (not committed)
 *   npm run bench:long     the full run plus 1M passages → bench/results/long/
 *
 * Options: --sizes 10000,100000  --only quality,scale,extraction,indexing,embedding,e5  --install-peers
 *          --report-only (rewrite the report from this mode's last JSON)
 * Peers: Debian packages recollcmd, poppler-utils, tesseract-ocr(-vie), libreoffice, antiword;
 * --install-peers runs apt-get for the missing ones (as root). Exits non-zero only when our
 * own code fails, never on a missed target or a missing peer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { quality } from './lib/quality.mjs';
import { scale } from './lib/scale.mjs';
import { extraction } from './lib/extract.mjs';
import { indexing } from './lib/indexing.mjs';
import { embedding } from './lib/embed.mjs';
import { embeddingE5 } from './lib/embed-e5.mjs';
import { writeReport } from './lib/report.mjs';
import { log, machine, ROOT, SHARED, TEST_MODEL_ID, TEST_MODELS_DIR, which } from './lib/util.mjs';

const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const mode = argv.includes('--quick') ? 'quick' : argv.includes('--long') ? 'long' : 'full';
const only = new Set((opt('--only') ?? 'quality,scale,extraction,indexing,embedding,e5').split(','));
const sizes = (opt('--sizes') ?? { quick: '1000', full: '10000,100000', long: '10000,100000,1000000' }[mode]).split(',').map(Number);

const SETTINGS = {
  quick: { subset: 40, count: 15, miniBudgetMs: 3_000, coldRuns: 1, embedCount: 64 },
  full: { subset: null, count: 200, miniBudgetMs: 30_000, coldRuns: 3, embedCount: 500 },
  long: { subset: null, count: 200, miniBudgetMs: 60_000, coldRuns: 3, embedCount: 500 },
}[mode];

const OUT = {
  quick: { json: 'bench/results/quick/bench.json', report: 'bench/results/quick/REPORT.md', charts: 'bench/results/quick/charts' },
  full: { json: 'bench/results/bench.json', report: 'bench/REPORT.md', charts: 'bench/charts' },
  long: { json: 'bench/results/long/bench.json', report: 'bench/results/long/REPORT.md', charts: 'bench/results/long/charts' },
}[mode];

const PEERS = { recollindex: 'recollcmd', pdftotext: 'poppler-utils', tesseract: 'tesseract-ocr tesseract-ocr-vie', soffice: 'libreoffice-writer', antiword: 'antiword' };

function prepare() {
  if (!existsSync(path.join(SHARED, 'alqac2024/law.json'))) throw new Error(`the real data is missing: ${SHARED} (see ../shared/data/README.md)`);
  if (!existsSync(path.join(ROOT, 'dist/indexer/store/lance.js')) || argv.includes('--build')) {
    log('building (npm run build)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  if (!existsSync(path.join(TEST_MODELS_DIR, ...TEST_MODEL_ID.split('/'), 'config.json'))) {
    log('generating the test model (npm run test-model)');
    execFileSync('npm', ['run', 'test-model'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const missing = Object.entries(PEERS).filter(([cmd]) => !which(cmd));
  if (missing.length && argv.includes('--install-peers')) {
    const pkgs = missing.flatMap(([, p]) => p.split(' '));
    log(`installing peers: apt-get install -y ${pkgs.join(' ')}`);
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else if (missing.length) {
    log(`peers missing (their rows will say skipped): ${missing.map(([c, p]) => `${c} (apt-get install ${p})`).join(', ')}; or pass --install-peers`);
  }
}

/** Failures of our own code (not of peers, not missed targets). */
function breakages(r) {
  const out = [];
  const q = r.quality?.engines?.ours;
  if (q?.error) out.push(`quality, ours: ${q.error}`);
  for (const s of r.scale?.sizes ?? []) {
    if (s.build?.error) out.push(`scale ${s.n}, build: ${s.build.error}`);
    if (s.queryError) out.push(`scale ${s.n}, queries: ${s.queryError}`);
    if (s.cold?.error) out.push(`scale ${s.n}, cold start: ${s.cold.error}`);
  }
  for (const k of ['pdf', 'docx', 'doc']) {
    const e = r.extraction?.[k]?.ours;
    if (e?.error) out.push(`extraction ${k}: ${e.error}`);
    else if (e && e.ok < e.files) out.push(`extraction ${k}: ${e.failed.join('; ')}`);
  }
  const f = r.extraction?.folder?.ours;
  if (f && (f.exit !== 0 || f.error)) out.push(`kho index: exit ${f.exit} ${f.error ?? ''}`);
  const ix = r.indexing;
  const runs = ix ? [['one-article files', ix.articles?.ours], ['small files', ix.small?.first], ['small files, re-run', ix.small?.rerun], ['small files, 384-d model', ix.withVectors]] : [];
  for (const [what, x] of runs) if (x && (x.error || x.exit !== 0 || x.failed)) out.push(`kho index (${what}): exit ${x.exit} ${x.error ?? ''}${x.failed ? `, ${x.failed} files failed` : ''}`);
  for (const e of r.embedding?.runs ?? []) if (e.error) out.push(`embedding (${e.threads} threads): ${e.error}`);
  for (const v of r.embeddingE5?.variants ?? []) for (const e of v.runs) if (e.error) out.push(`embedding, e5 stand-in (${v.label}): ${e.error}`);
  return out;
}

async function main() {
  if (argv.includes('--report-only')) {
    // Regenerate the report (same code) from the JSON the last run of this mode wrote.
    const results = JSON.parse(readFileSync(path.join(ROOT, OUT.json), 'utf8'));
    process.stdout.write(writeReport(results, { report: path.join(ROOT, OUT.report), charts: path.join(ROOT, OUT.charts), json: OUT.json }) + '\n');
    return;
  }
  const started = performance.now();
  prepare();
  const command = `npm run ${mode === 'full' ? 'bench' : `bench:${mode}`}${argv.filter((a) => !['--quick', '--long'].includes(a)).map((a) => ` ${a}`).join('')}`;
  const results = { date: new Date().toISOString(), mode, command, machine: machine(), loadAverage: { before: os.loadavg() }, settings: { ...SETTINGS, sizes } };
  if (only.has('quality')) results.quality = await quality({ subset: SETTINGS.subset });
  if (only.has('scale')) results.scale = await scale(sizes, SETTINGS);
  results.loadAverage.midway = os.loadavg();
  if (only.has('extraction')) results.extraction = await extraction({ quick: mode === 'quick' });
  if (only.has('indexing')) results.indexing = await indexing({ quick: mode === 'quick' });
  if (only.has('embedding')) results.embedding = await embedding({ count: SETTINGS.embedCount, quick: mode === 'quick' });
  // The multilingual-e5-small stand-in (outside the repo; skipped with how to make it when absent, never in quick mode).
  if (only.has('e5')) results.embeddingE5 = await embeddingE5({ quick: mode === 'quick' });
  results.loadAverage.after = os.loadavg();
  results.totalSeconds = (performance.now() - started) / 1000;
  results.breakages = breakages(results);
  mkdirSync(path.dirname(path.join(ROOT, OUT.json)), { recursive: true });
  writeFileSync(path.join(ROOT, OUT.json), JSON.stringify(results, null, 2) + '\n');
  const summary = writeReport(results, { report: path.join(ROOT, OUT.report), charts: path.join(ROOT, OUT.charts), json: OUT.json });
  process.stdout.write(summary + '\n');
  log(`done in ${results.totalSeconds.toFixed(0)} s: ${OUT.json}, ${OUT.report}`);
  if (results.breakages.length) {
    console.error(`our code failed:\n  ${results.breakages.join('\n  ')}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
