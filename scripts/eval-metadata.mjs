#!/usr/bin/env node
/**
 * Field-level accuracy of document metadata extraction on two sets kept apart:
 *
 *  - tuning: test/fixtures/metadata-labels.json — the corpus, Decree 30/2020 and
 *    its appendices (.doc and .docx), the blank Appendix III layouts, real legacy
 *    documents from viparse, and the first held-out group (`heldout`, scored
 *    71.4 % before issue 16 and tuned on since: it is reported here as tuning);
 *    and the even half of scripts/metadata-labels-heldout.mjs (`heldout-2-tuned`);
 *  - heldout: the odd half of scripts/metadata-labels-heldout.mjs (`heldout-2`) and
 *    scripts/metadata-labels-heldout-3.mjs (`heldout-3`, 12 more documents) — labelled
 *    by reading them before the extractor was run on them. Their misses have since been
 *    read to name error classes (issue 16, rounds 2 and 3), so they are no longer clean;
 *  - fresh: scripts/metadata-labels-fresh.mjs `freshDocuments2` (`fresh-2`, 12 Decree 30
 *    layouts written and labelled for issue 16 round 3 before the extractor read them,
 *    rendered to DOCX, PDF, HTML and TXT by scripts/render-fresh.mjs into a temporary
 *    folder). First run 97.4 % (112/115), all 3 misses and 4 wrong values in one document
 *    (cv-3210-vpcp.txt), whose issuer, V/v and signature were then fixed; the other 11 were never read.
 *    The first 12 (`fresh-1-tuned`, 90.4 % = 104/115 with 7 wrong values on their first
 *    run) had their misses fixed and are scored as tuning.
 *
 *   npm run build && node scripts/eval-metadata.mjs [--set tuning|heldout|fresh] [--group corpus] [--verbose] [--json]
 *
 * Without --set both sets are scored and both totals printed. --verbose lists
 * the mismatches (do not read the held-out ones while tuning rules).
 *
 * For every field: correct/total over documents whose label has a value, and
 * false positives (a value where the label says the document has none). Then,
 * per set, every labelled field (absent ones included) as right / WRONG (a value
 * stated that the label contradicts) / omitted (no value where the label has
 * one), twice: as extracted, and as cited — a value marked `meta.unsure` is left
 * out of citations, so there it counts as omitted. A document is fully right
 * when every labelled field is right.
 * Text fields are compared ignoring case, spacing and tone placement; number,
 * date, year and type exactly. Reads dist/ (build first).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { extractFile } = await import(path.join(ROOT, 'dist/indexer/extract/index.js'));
const { extractMetadata } = await import(path.join(ROOT, 'dist/indexer/analyze/identity/metadata.js'));

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const groupArg = args.includes('--group') ? args[args.indexOf('--group') + 1] : null;
const setArg = args.includes('--set') ? args[args.indexOf('--set') + 1] : null;
if (setArg && setArg !== 'tuning' && setArg !== 'heldout' && setArg !== 'fresh') {
  console.error('--set takes "tuning", "heldout" or "fresh"');
  process.exit(2);
}

const tuning = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/metadata-labels.json'), 'utf8'));
const { comparable, segmentBlocks } = await import(path.join(ROOT, 'scripts/metadata-labels.mjs'));
const { heldoutDocuments: heldout2, tunedDocuments } = await import(path.join(ROOT, 'scripts/metadata-labels-heldout.mjs'));
const { heldoutDocuments3 } = await import(path.join(ROOT, 'scripts/metadata-labels-heldout-3.mjs'));
const heldoutDocuments = [...heldout2, ...heldoutDocuments3];
// The fresh set is rendered to files for this run only.
const { freshDocuments, freshDocuments2 } = await import(path.join(ROOT, 'scripts/metadata-labels-fresh.mjs'));
const freshDir = await mkdtemp(path.join(os.tmpdir(), 'kho-fresh-'));
const freshFiles = await (await import(path.join(ROOT, 'scripts/render-fresh.mjs'))).renderFresh(freshDir);
const labelled = (group, docs) => freshFiles.filter((f) => docs.some((d) => d.id === f.id)).map(({ id, file }) => ({ group, file, expected: docs.find((d) => d.id === id).expected }));
const freshTuned = labelled('fresh-1-tuned', freshDocuments);
const fresh = labelled('fresh-2', freshDocuments2);
/** The set a labelled document belongs to. */
const setOf = (doc) => (fresh.includes(doc) ? 'fresh' : heldoutDocuments.includes(doc) ? 'heldout' : 'tuning');
const labels = {
  fields: tuning.fields,
  documents: [...tuning.documents, ...tunedDocuments, ...freshTuned, ...heldoutDocuments, ...fresh].filter((d) => !setArg || setOf(d) === setArg),
};

function same(field, expected, actual) {
  return comparable(field, expected) === comparable(field, actual);
}

const cache = new Map();
async function extract(file) {
  if (!cache.has(file)) {
    const data = new Uint8Array(await readFile(file));
    cache.set(file, extractFile(file, data, { ocr: false }));
  }
  return cache.get(file);
}

const stats = new Map(); // group → field → {correct,total,falsePositive,nullCorrect,nullTotal}
const misses = [];
/** set → view ('extracted' | 'cited') → {docs, fullyRight, fields: field → {right, wrong, omitted}} */
const outcome = new Map();
function tally(set, view, doc, meta) {
  if (!outcome.has(set)) outcome.set(set, new Map());
  const bySet = outcome.get(set);
  if (!bySet.has(view)) bySet.set(view, { docs: 0, fullyRight: 0, fields: new Map() });
  const o = bySet.get(view);
  o.docs++;
  let all = true;
  for (const [field, expected] of Object.entries(doc.expected)) {
    if (!o.fields.has(field)) o.fields.set(field, { right: 0, wrong: 0, omitted: 0 });
    const f = o.fields.get(field);
    const actual = view === 'cited' && meta.unsure?.[field] ? null : meta[field] ?? null;
    if (same(field, expected, actual)) f.right++;
    else if (actual === null) f.omitted++;
    else f.wrong++;
    if (!same(field, expected, actual)) all = false;
  }
  if (all) o.fullyRight++;
}
const started = Date.now();
for (const doc of labels.documents) {
  if (groupArg && doc.group !== groupArg) continue;
  const file = path.resolve(ROOT, doc.file);
  const extracted = await extract(file);
  const blocks = doc.segment ? segmentBlocks(extracted.blocks, doc.segment) : extracted.blocks;
  const meta = extractMetadata(blocks, { fileName: doc.segment ? '' : file, properties: doc.segment ? null : { title: extracted.title } });
  for (const view of ['extracted', 'cited']) tally(setOf(doc), view, doc, meta);
  for (const group of [doc.group, `set:${setOf(doc)}`, 'all']) {
    if (!stats.has(group)) stats.set(group, new Map());
    const byField = stats.get(group);
    for (const [field, expected] of Object.entries(doc.expected)) {
      if (!byField.has(field)) byField.set(field, { correct: 0, total: 0, falsePositive: 0, nullCorrect: 0, nullTotal: 0 });
      const s = byField.get(field);
      const actual = meta[field] ?? null;
      const ok = same(field, expected, actual);
      if (expected === null) {
        s.nullTotal++;
        if (ok) s.nullCorrect++;
        else s.falsePositive++;
      } else {
        s.total++;
        if (ok) s.correct++;
      }
      if (!ok && group === doc.group) misses.push({ set: setOf(doc), file: doc.file + (doc.segment ? ` [${doc.segment}]` : ''), field, expected, actual, source: meta.sources[field] ?? null, unsure: meta.unsure?.[field] ?? null });
    }
  }
}

const fields = labels.fields;
const report = {};
for (const [group, byField] of stats) {
  report[group] = {};
  for (const f of fields) {
    const s = byField.get(f);
    if (s) report[group][f] = s;
  }
}

const outcomes = {};
for (const [set, byView] of outcome) {
  outcomes[set] = {};
  for (const [view, o] of byView) {
    const sum = { right: 0, wrong: 0, omitted: 0 };
    for (const f of o.fields.values()) for (const k of Object.keys(sum)) sum[k] += f[k];
    outcomes[set][view] = { docs: o.docs, fullyRight: o.fullyRight, fields: Object.fromEntries(o.fields), sum };
  }
}

if (asJson) {
  console.log(JSON.stringify({ report, outcomes, misses }, null, 2));
} else {
  const groups = [...stats.keys()].filter((g) => g !== 'all' && !g.startsWith('set:')).concat([...stats.keys()].filter((g) => g.startsWith('set:')), 'all');
  const inGroup = (d, group) => (group === 'all' ? !groupArg || d.group === groupArg : group.startsWith('set:') ? setOf(d) === group.slice(4) && (!groupArg || d.group === groupArg) : d.group === group);
  const totals = [];
  for (const group of groups) {
    const docs = labels.documents.filter((d) => inGroup(d, group)).length;
    console.log(`\n${group} (${docs} documents)`);
    console.log(`  ${'field'.padEnd(15)} ${'correct/total'.padStart(13)}  ${'accuracy'.padStart(8)}  false positives (of absent)`);
    let c = 0;
    let t = 0;
    for (const f of fields) {
      const s = report[group][f];
      if (!s) continue;
      c += s.correct;
      t += s.total;
      const acc = s.total ? `${((100 * s.correct) / s.total).toFixed(1)}%` : '—';
      console.log(`  ${f.padEnd(15)} ${`${s.correct}/${s.total}`.padStart(13)}  ${acc.padStart(8)}  ${s.falsePositive}/${s.nullTotal}`);
    }
    console.log(`  ${'(all fields)'.padEnd(15)} ${`${c}/${t}`.padStart(13)}  ${t ? `${((100 * c) / t).toFixed(1)}%`.padStart(8) : ''}`);
    if (group.startsWith('set:')) totals.push(`${group.slice(4)} ${c}/${t} = ${t ? ((100 * c) / t).toFixed(1) : '—'} %`);
  }
  for (const [set, byView] of Object.entries(outcomes)) {
    for (const [view, o] of Object.entries(byView)) {
      console.log(`\n${set}, ${view}: ${o.fullyRight}/${o.docs} documents fully right (${((100 * o.fullyRight) / o.docs).toFixed(1)} %); every labelled field right ${o.sum.right} · WRONG ${o.sum.wrong} · omitted ${o.sum.omitted}`);
      if (view !== 'extracted' && !verbose) continue;
      console.log(`  ${'field'.padEnd(15)} ${'right'.padStart(6)} ${'WRONG'.padStart(6)} ${'omitted'.padStart(8)}`);
      for (const [f, c] of Object.entries(o.fields)) console.log(`  ${f.padEnd(15)} ${String(c.right).padStart(6)} ${String(c.wrong).padStart(6)} ${String(c.omitted).padStart(8)}`);
    }
  }
  console.log(`\nfields correct: ${totals.join(' · ')}`);
  if (verbose && misses.length) {
    console.log('\nMismatches:');
    for (const m of misses) console.log(`  [${m.set}] ${m.file} · ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}${m.source ? ` [${m.source}]` : ''}${m.unsure ? ` (unsure: ${m.unsure}, not cited)` : ''}`);
  }
  console.log(`\n${misses.length} mismatches; ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
await rm(freshDir, { recursive: true, force: true });
