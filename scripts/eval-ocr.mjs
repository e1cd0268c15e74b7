#!/usr/bin/env node
/**
 * OCR quality and speed on real scans from Đà Nẵng (../shared/data/scans-danang):
 *
 * - character error rate (CER) of our OCR (tesseract.js + Vietnamese data, as the
 *   indexer runs it) on 4_1.jpg and 4_2.jpg against their reference texts. The
 *   references were machine-made and not hand-checked, so small differences are as
 *   likely theirs as ours. CER = Levenshtein distance / reference length, after NFC
 *   and whitespace collapsing; "CER, no spaces" also removes all whitespace, so line
 *   and column layout (a two-column letterhead read in another order) costs nothing
 *   beyond the characters themselves.
 * - pages per minute: the two images (recognition only), and the scanned PDFs
 *   (1.pdf garbled OCR layer, 2.pdf image-only, 3.pdf OCR layer + stamp) through the
 *   full extraction path: layer check, page rendering at 300 dpi, OCR.
 * - with --cli, the same images through the `tesseract` program, for comparison.
 *
 *     npm run build && node scripts/eval-ocr.mjs [--cli] [--json] [--no-pdf]
 *
 * Language data: $KHO_TESSDATA, else /usr/share/tesseract-ocr/5/tessdata (Debian's
 * tesseract-ocr-vie). Nothing is downloaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANS = path.resolve(ROOT, '..', 'shared', 'data', 'scans-danang');

const normalise = (s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** Levenshtein distance over code points, two rows. */
export function levenshtein(a, b) {
  const x = Array.from(a), y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

export function cer(prediction, reference) {
  const p = normalise(prediction), r = normalise(reference);
  const ps = p.replace(/\s/g, ''), rs = r.replace(/\s/g, '');
  return {
    cer: levenshtein(p, r) / Math.max(1, Array.from(r).length),
    cerNoSpaces: levenshtein(ps, rs) / Math.max(1, Array.from(rs).length),
    referenceChars: Array.from(r).length,
  };
}

async function main() {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const withCli = argv.includes('--cli');
  const withPdf = !argv.includes('--no-pdf');
  const dist = path.join(ROOT, 'dist', 'indexer', 'extract');
  if (!existsSync(path.join(dist, 'ocr.js'))) {
    console.error('dist/ is missing: run `npm run build` (or `npx tsc -p tsconfig.json`) first');
    process.exit(2);
  }
  const { OcrEngine, resolveTessdata, noLanguageDataReason } = await import(pathToFileURL(path.join(dist, 'ocr.js')).href);
  const { extractFile } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
  const tessdata = resolveTessdata(undefined);
  if (!tessdata) {
    console.error(noLanguageDataReason(undefined));
    process.exit(2);
  }

  const report = { date: new Date().toISOString(), machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`, tessdata, images: [], pdfs: [], cli: [] };
  const engine = new OcrEngine(tessdata);
  const startup = performance.now();
  await engine.recognize(readFileSync(path.join(SCANS, '4_2.jpg'))); // warm-up: loads the worker and the model once
  report.engineStartMs = Math.round(performance.now() - startup);
  let imageMs = 0;
  for (const name of ['4_1', '4_2']) {
    const image = readFileSync(path.join(SCANS, `${name}.jpg`));
    const reference = readFileSync(path.join(SCANS, `${name}_gt.txt`), 'utf8');
    const result = await engine.recognize(image);
    imageMs += result.ms;
    report.images.push({ image: `${name}.jpg`, ...cer(result.text, reference), ms: Math.round(result.ms), confidence: result.confidence });
  }
  await engine.terminate();
  report.imagePagesPerMinute = (2 * 60000) / imageMs;

  if (withCli) {
    for (const name of ['4_1', '4_2']) {
      const reference = readFileSync(path.join(SCANS, `${name}_gt.txt`), 'utf8');
      const started = performance.now();
      const text = execFileSync('tesseract', [path.join(SCANS, `${name}.jpg`), '-', '-l', 'vie', '--tessdata-dir', tessdata], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      report.cli.push({ image: `${name}.jpg`, ...cer(text, reference), ms: Math.round(performance.now() - started) });
    }
  }

  if (withPdf) {
    let pages = 0, ms = 0;
    for (const name of ['1.pdf', '2.pdf', '3.pdf']) {
      const file = path.join(SCANS, name);
      const started = performance.now();
      const doc = await extractFile(file, readFileSync(file), { ocr: { tessdata } });
      const took = performance.now() - started;
      const ocrPages = doc.notes?.ocrPages?.length ?? 0;
      pages += ocrPages;
      ms += took;
      report.pdfs.push({ file: name, pages: doc.pageCount, ocrPages, failures: doc.notes?.ocrFailures ?? [], ms: Math.round(took) });
    }
    report.pdfPagesPerMinute = pages ? (pages * 60000) / ms : null;
  }

  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`OCR: tesseract.js, language data ${tessdata}; ${report.machine}`);
  console.log(`engine start (worker + vie model): ${report.engineStartMs} ms\n`);
  console.log('| image | CER | CER, no spaces | reference chars | ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of report.images) console.log(`| ${r.image} | ${pct(r.cer)} | ${pct(r.cerNoSpaces)} | ${r.referenceChars} | ${r.ms} |`);
  const mean = (k) => report.images.reduce((s, r) => s + r[k], 0) / report.images.length;
  console.log(`\nmean CER ${pct(mean('cer'))}, no spaces ${pct(mean('cerNoSpaces'))}; images: ${report.imagePagesPerMinute.toFixed(1)} pages/min (recognition only)`);
  if (report.cli.length) {
    console.log('\n`tesseract` program (same model), for comparison:');
    for (const r of report.cli) console.log(`| ${r.image} | ${pct(r.cer)} | ${pct(r.cerNoSpaces)} | ${r.referenceChars} | ${r.ms} |`);
  }
  if (report.pdfs.length) {
    console.log('\nScanned PDFs through extraction (layer check, render at 300 dpi, OCR):');
    for (const r of report.pdfs) console.log(`  ${r.file}: ${r.ocrPages}/${r.pages} pages OCR'd in ${r.ms} ms${r.failures.length ? `; failed: ${r.failures.map((f) => `p${f.page} ${f.reason}`).join('; ')}` : ''}`);
    if (report.pdfPagesPerMinute) console.log(`  ${report.pdfPagesPerMinute.toFixed(1)} pages/min end to end`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(2);
  });
}
