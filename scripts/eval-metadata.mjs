#!/usr/bin/env node
/**
 * Field-level accuracy of document metadata extraction on the hand-labelled set
 * (test/fixtures/metadata-labels.json): the corpus, Decree 30/2020 and its
 * appendices (.doc and .docx), the blank Appendix III layouts, and real legacy
 * documents from viparse.
 *
 *   npm run build && node scripts/eval-metadata.mjs [--group corpus] [--verbose] [--json]
 *
 * For every field: correct/total over documents whose label has a value, and
 * false positives (a value where the label says the document has none).
 * Text fields are compared ignoring case, spacing and tone placement; number,
 * date, year and type exactly. Reads dist/ (build first).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { extractFile } = await import(path.join(ROOT, 'dist/indexer/extract/index.js'));
const { extractMetadata } = await import(path.join(ROOT, 'dist/indexer/analyze/identity/metadata.js'));

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const groupArg = args.includes('--group') ? args[args.indexOf('--group') + 1] : null;

const labels = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/metadata-labels.json'), 'utf8'));
const { comparable, segmentBlocks } = await import(path.join(ROOT, 'scripts/metadata-labels.mjs'));

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
const started = Date.now();
for (const doc of labels.documents) {
  if (groupArg && doc.group !== groupArg) continue;
  const file = path.resolve(ROOT, doc.file);
  const extracted = await extract(file);
  const blocks = doc.segment ? segmentBlocks(extracted.blocks, doc.segment) : extracted.blocks;
  const meta = extractMetadata(blocks, { fileName: doc.segment ? '' : file, properties: doc.segment ? null : { title: extracted.title } });
  for (const group of [doc.group, 'all']) {
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
      if (!ok && group === doc.group) misses.push({ file: doc.file + (doc.segment ? ` [${doc.segment}]` : ''), field, expected, actual, source: meta.sources[field] ?? null });
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

if (asJson) {
  console.log(JSON.stringify({ report, misses }, null, 2));
} else {
  const groups = [...stats.keys()].filter((g) => g !== 'all').concat('all');
  for (const group of groups) {
    const docs = labels.documents.filter((d) => (group === 'all' ? !groupArg || d.group === groupArg : d.group === group)).length;
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
  }
  if (verbose && misses.length) {
    console.log('\nMismatches:');
    for (const m of misses) console.log(`  ${m.file} · ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}${m.source ? ` [${m.source}]` : ''}`);
  }
  console.log(`\n${misses.length} mismatches; ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
