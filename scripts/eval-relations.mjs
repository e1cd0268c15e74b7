#!/usr/bin/env node
/**
 * Precision and recall of reference extraction (indexer/analyze/references/) on the
 * hand-labelled set test/fixtures/relation-labels.json: Decree 30/2020, the team's
 * corpus, five real legacy-encoded decrees/decisions/circulars from viparse, and
 * the OCR text of the Đà Nẵng scan 3.pdf.
 *
 *   npx tsc -p tsconfig.json && node scripts/eval-relations.mjs [--group corpus] [--no-ocr] [--verbose] [--json]
 *
 * A predicted reference is correct when its target matches a label's — same number
 * (case, accents, Đ/D, spaces, separators, leading zeros ignored), or for unnumbered
 * laws the same kind, title (accents/case ignored) and date — and its type is the
 * label's. "Target" figures ignore the type (did we find the reference at all);
 * "type+target" figures are the headline. Effective-date clauses are scored apart.
 * Reads dist/ (build first). The scan needs tesseract with Vietnamese data; --no-ocr skips it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { extractFile } = await import(path.join(ROOT, 'dist/indexer/extract/index.js'));
const { extractMetadata } = await import(path.join(ROOT, 'dist/indexer/analyze/identity/metadata.js'));
const { findReferences, effectiveDate } = await import(path.join(ROOT, 'dist/indexer/analyze/references/index.js'));
const { referenceNumberKey } = await import(path.join(ROOT, 'dist/indexer/common/doc-numbers.js'));
const { textKey } = await import(path.join(ROOT, 'dist/indexer/common/fold.js'));

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const noOcr = args.includes('--no-ocr');
const groupArg = args.includes('--group') ? args[args.indexOf('--group') + 1] : null;

const labels = JSON.parse(await readFile(path.join(ROOT, 'test/fixtures/relation-labels.json'), 'utf8'));

/** The key a label and a prediction are matched on. */
function matchKey(t) {
  if (t.number) return 'n:' + referenceNumberKey(t.number);
  return `t:${t.kind ?? ''}:${textKey(t.title ?? '')}:${t.date ?? ''}`;
}

const blank = () => ({ labels: 0, predicted: 0, target: 0, typed: 0, effTotal: 0, effCorrect: 0 });
const stats = new Map();
const bump = (group, f) => {
  for (const g of [group, 'all']) {
    if (!stats.has(g)) stats.set(g, blank());
    f(stats.get(g));
  }
};
const misses = [];
const skipped = [];
const started = Date.now();

for (const doc of labels.documents) {
  if (groupArg && doc.group !== groupArg) continue;
  if (doc.ocr && noOcr) {
    skipped.push(`${doc.file} (--no-ocr)`);
    continue;
  }
  const file = path.resolve(ROOT, doc.file);
  const extracted = await extractFile(file, new Uint8Array(await readFile(file)), { ocr: doc.ocr ? {} : false });
  if (doc.ocr && (extracted.notes?.ocrFailures?.length ?? 0) > 0 && !(extracted.notes?.ocrPages?.length > 0)) {
    skipped.push(`${doc.file} (OCR unavailable: ${extracted.notes.ocrFailures[0].reason})`);
    continue;
  }
  const meta = extractMetadata(extracted.blocks, { fileName: file, properties: { title: extracted.title } });
  const predicted = findReferences(extracted.blocks, meta);
  const expected = doc.references;
  const byKey = new Map(expected.map((l) => [matchKey(l), l]));
  const seen = new Set();
  bump(doc.group, (s) => {
    s.labels += expected.length;
    s.predicted += predicted.length;
  });
  for (const p of predicted) {
    const key = matchKey(p.target);
    const label = byKey.get(key);
    if (!label || seen.has(key)) {
      misses.push({ file: doc.file, kind: 'false positive', got: `${p.type} ${p.target.number ?? p.target.title} ${p.target.date ?? ''}`, evidence: p.evidence.text.slice(0, 160) });
      continue;
    }
    seen.add(key);
    bump(doc.group, (s) => {
      s.target++;
      if (label.type === p.type) s.typed++;
    });
    if (label.type !== p.type) misses.push({ file: doc.file, kind: 'wrong type', want: `${label.type} ${label.number ?? label.title}`, got: p.type, evidence: p.evidence.text.slice(0, 160) });
  }
  for (const l of expected) {
    if (!seen.has(matchKey(l))) misses.push({ file: doc.file, kind: 'missed', want: `${l.type} ${l.number ?? l.title} ${l.date ?? ''}` });
  }
  if ('effective' in doc) {
    const e = effectiveDate(extracted.blocks, meta);
    const want = doc.effective;
    const ok = want === null ? e === null : e !== null && e.value === want.value && (want.date === undefined || want.date === e.date);
    bump(doc.group, (s) => {
      s.effTotal++;
      if (ok) s.effCorrect++;
    });
    if (!ok) misses.push({ file: doc.file, kind: 'effective date', want: JSON.stringify(want), got: e ? `${e.value} ${e.date}` : 'null' });
  }
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);
const f1 = (p, r) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const rows = [...stats.entries()].map(([group, s]) => {
  const p = ratio(s.typed, s.predicted);
  const r = ratio(s.typed, s.labels);
  return {
    group,
    labels: s.labels,
    predicted: s.predicted,
    precision: p,
    recall: r,
    f1: f1(p, r),
    targetPrecision: ratio(s.target, s.predicted),
    targetRecall: ratio(s.target, s.labels),
    effective: `${s.effCorrect}/${s.effTotal}`,
  };
});
rows.sort((a, b) => (a.group === 'all') - (b.group === 'all') || a.group.localeCompare(b.group));

if (asJson) {
  console.log(JSON.stringify({ rows, misses, skipped, seconds: (Date.now() - started) / 1000 }, null, 2));
} else {
  const pct = (x) => (100 * x).toFixed(1).padStart(6) + '%';
  console.log('Reference extraction on test/fixtures/relation-labels.json (type + target must match)\n');
  console.log('group      labels  found  precision  recall      F1 | target-only P / R  | effective date');
  for (const r of rows) {
    console.log(
      `${r.group.padEnd(10)} ${String(r.labels).padStart(6)} ${String(r.predicted).padStart(6)}  ${pct(r.precision)}  ${pct(r.recall)} ${pct(r.f1)} | ${pct(r.targetPrecision)} ${pct(r.targetRecall)} | ${r.effective}`,
    );
  }
  if (skipped.length) console.log(`\nskipped: ${skipped.join('; ')}`);
  if (verbose || misses.length <= 15) {
    if (misses.length) console.log('\nmisses:');
    for (const m of misses) console.log(`  [${m.kind}] ${path.basename(m.file)}: ${m.want ? `want ${m.want}` : ''}${m.got ? ` got ${m.got}` : ''}${m.evidence ? ` — “${m.evidence}”` : ''}`);
  } else {
    console.log(`\n${misses.length} misses (--verbose to list)`);
  }
  console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
}
