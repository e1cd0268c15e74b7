/**
 * Re-measure some sections of the full benchmark and merge them into the last
 * full run's JSON, then rewrite the report: for a change that moves only these
 * figures, without the hour of a whole `npm run bench`. The report lists each
 * refresh (date, Node, load average) under the run's own header.
 *
 *   node bench/refresh.mjs library     # Library.search() over 10,000 documents (scale.library)
 *   node bench/refresh.mjs extraction  # PDF/DOCX/OCR extraction and folder indexing vs recollindex
 *   node bench/refresh.mjs indexing    # kho index at 2,000 and 10,000 files (keyword only and with 384-d vectors) vs recollindex
 *   node bench/refresh.mjs remote      # the same 10,000 documents read from s3:// (moto_server) vs local disk
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extraction } from './lib/extract.mjs';
import { indexing } from './lib/indexing.mjs';
import { writeReport } from './lib/report.mjs';
import { child, ROOT } from './lib/util.mjs';

const file = path.join(ROOT, 'bench/results/bench.json');
const parts = process.argv.slice(2);
const known = ['library', 'extraction', 'remote', 'indexing'];
if (parts.length === 0 || parts.some((p) => !known.includes(p))) {
  console.error(`usage: node bench/refresh.mjs ${known.join('|')} [...]`);
  process.exit(2);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const loadAverage = { before: os.loadavg() };
if (parts.includes('library')) results.scale.library = await child('scale-library', { docs: 10_000, count: results.settings?.count ?? 200 }, { timeoutMs: 6 * 3600_000 });
if (parts.includes('remote')) results.scale.remote = await child('scale-remote', { docs: 10_000, count: Math.min(100, results.settings?.count ?? 100) }, { timeoutMs: 6 * 3600_000 });
if (parts.includes('indexing')) results.indexing = await indexing({ quick: false });
if (parts.includes('extraction')) results.extraction = await extraction({ quick: false });
loadAverage.after = os.loadavg();
results.refreshed = [...(results.refreshed ?? []).filter((r) => !r.parts.every((p) => parts.includes(p))), { date: new Date().toISOString(), parts, node: process.version, loadAverage }];
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(writeReport(results, { report: path.join(ROOT, 'bench/REPORT.md'), charts: path.join(ROOT, 'bench/charts'), json: 'bench/results/bench.json' }) + '\n');
