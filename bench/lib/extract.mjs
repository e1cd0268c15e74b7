/**
 * Extraction: our readers against the standard tools on the same files —
 * PDF pages/s vs pdftotext (with pdf.js, the default, and with poppler's
 * pdftotext as our text source), DOCX/DOC documents/s vs LibreOffice (and antiword
 * for .doc), OCR pages/min vs the tesseract command, and a whole folder
 * indexed keyword-only by `kho index` vs recollindex.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { child, dirSize, dist, loadJson, log, maxRssMB, ROOT, run, SHARED, which } from './util.mjs';
import { khoIndex, recollIndex } from './indexing.mjs';

const listDir = (dir, re) => readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f));

export function fileSets(quick) {
  const corpus = path.join(ROOT, 'corpus');
  const tcvn3 = path.join(SHARED, 'viparse/corpus/public-domain/tcvn3');
  const vni = path.join(SHARED, 'viparse/corpus/public-domain/vni');
  const nd30 = path.join(SHARED, 'nd30-2020');
  const pdf = [...listDir(corpus, /\.pdf$/i), ...listDir(tcvn3, /\.pdf$/i)];
  const docx = [...listDir(corpus, /\.docx$/i), ...listDir(nd30, /\.docx$/i)];
  const doc = [...listDir(nd30, /\.doc$/i), ...listDir(tcvn3, /\.doc$/i), ...safeList(vni, /\.doc$/i)];
  const scans = [path.join(SHARED, 'scans-danang/2.pdf'), path.join(SHARED, 'scans-danang/3.pdf')];
  if (quick) return { pdf: pdf.slice(0, 4), docx: docx.slice(0, 3), doc: doc.slice(0, 3), scans: [] };
  return { pdf, docx, doc, scans };
}

function safeList(dir, re) {
  try {
    return listDir(dir, re);
  } catch {
    return [];
  }
}

/** Child: extract each file with our readers, `rounds` times; the fastest round per file counts. */
export async function childExtract({ files, ocr, rounds, pdfTextSource }) {
  const { extractFile } = await dist('extract/index.js');
  const best = new Map();
  const info = new Map();
  for (let r = 0; r < rounds; r++) {
    for (const f of files) {
      const data = readFileSync(f);
      const t = performance.now();
      try {
        const d = await extractFile(f, data, { ...(ocr ? {} : { ocr: false }), ...(pdfTextSource ? { pdfTextSource } : {}) });
        const ms = performance.now() - t;
        best.set(f, Math.min(best.get(f) ?? Infinity, ms));
        info.set(f, { pages: d.pageCount, ocrPages: d.notes?.ocrPages?.length ?? 0, chars: d.blocks.reduce((n, b) => n + b.text.length, 0) });
      } catch (e) {
        info.set(f, { error: e.message });
      }
    }
  }
  const ok = files.filter((f) => best.has(f));
  return {
    files: files.length,
    ok: ok.length,
    failed: files.filter((f) => !best.has(f)).map((f) => `${path.basename(f)}: ${info.get(f)?.error}`),
    ms: ok.reduce((n, f) => n + best.get(f), 0),
    pages: ok.reduce((n, f) => n + (info.get(f).pages ?? 0), 0),
    ocrPages: ok.reduce((n, f) => n + info.get(f).ocrPages, 0),
    chars: ok.reduce((n, f) => n + info.get(f).chars, 0),
    maxRssMB: maxRssMB(),
  };
}

/** Run a command once per file, `rounds` times; fastest round per file. */
async function perFile(files, rounds, argsFor, cmd) {
  const best = new Map();
  let failed = 0;
  for (let r = 0; r < rounds; r++) {
    for (const f of files) {
      const t = performance.now();
      const res = await run(cmd, argsFor(f), { timeoutMs: 600_000 });
      const ms = performance.now() - t;
      if (res.code !== 0) failed++;
      best.set(f, Math.min(best.get(f) ?? Infinity, ms));
    }
  }
  return { files: files.length, failedRuns: failed, ms: [...best.values()].reduce((a, b) => a + b, 0) };
}

async function pdftotext(files, rounds) {
  if (!which('pdftotext')) return { skipped: 'pdftotext missing (Debian: apt-get install poppler-utils)' };
  return perFile(files, rounds, (f) => ['-enc', 'UTF-8', f, '-'], 'pdftotext');
}

async function libreoffice(files, tmp) {
  if (!which('soffice') || files.length === 0) return { skipped: 'LibreOffice (soffice) missing' };
  const out = path.join(tmp, 'lo');
  mkdirSync(out, { recursive: true });
  // One process for the whole batch, as one would script it; its start-up is part of the time.
  const profile = `file://${path.join(tmp, 'lo-profile')}`;
  const args = [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', out, ...files];
  await run('soffice', [...args.slice(0, 4), '--outdir', out, files[0]], { timeoutMs: 600_000 }); // profile creation, untimed
  const t = performance.now();
  const r = await run('soffice', args, { timeoutMs: 1_800_000 });
  return { files: files.length, converted: readdirSync(out).length, ms: performance.now() - t, failed: r.code !== 0 ? r.stderr.slice(-200) : undefined, note: 'one soffice process for the batch (start-up included)' };
}

async function tesseract(files, tmp) {
  if (!which('tesseract') || !which('pdftoppm')) return { skipped: 'tesseract or pdftoppm missing' };
  const out = path.join(tmp, 'ocr');
  mkdirSync(out, { recursive: true });
  let pages = 0;
  const t = performance.now();
  for (const [i, f] of files.entries()) {
    await run('pdftoppm', ['-r', '300', '-png', f, path.join(out, `f${i}`)]);
    for (const png of readdirSync(out).filter((p) => p.startsWith(`f${i}-`))) {
      await run('tesseract', [path.join(out, png), '-', '-l', 'vie'], { timeoutMs: 600_000 });
      pages++;
    }
  }
  return { pages, ms: performance.now() - t, note: 'pdftoppm -r 300 + tesseract -l vie per page (our OCR renders at 300 dpi too)' };
}

/** A corpus-like folder: the sample corpus, each ALQAC law as one .txt, Decree 30 (.docx/.doc), legacy-encoded real files. */
function buildFolder(dir, quick) {
  mkdirSync(dir, { recursive: true });
  const copyAll = (src, sub, re = /./) => {
    mkdirSync(path.join(dir, sub), { recursive: true });
    for (const f of safeList(src, re)) copyFileSync(f, path.join(dir, sub, path.basename(f)));
  };
  copyAll(path.join(ROOT, 'corpus'), 'corpus', quick ? /\.(txt|md)$/i : /\.(pdf|docx|txt|md)$/i);
  mkdirSync(path.join(dir, 'luat'), { recursive: true });
  const laws = loadJson(path.join(SHARED, 'alqac2024/law.json'));
  for (const [i, law] of (quick ? laws.slice(0, 3) : laws).entries()) {
    writeFileSync(path.join(dir, 'luat', `luat-${i}.txt`), `${law.id}\n\n${law.articles.map((a) => `Điều ${a.id}. ${a.text}`).join('\n\n')}\n`);
  }
  if (!quick) {
    copyAll(path.join(SHARED, 'nd30-2020'), 'nd30', /\.(docx|doc)$/i);
    copyAll(path.join(SHARED, 'viparse/corpus/public-domain/tcvn3'), 'viparse-tcvn3', /\.(pdf|doc|rtf|xls)$/i);
  }
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.\w+$/.test(f));
  return { files: files.length, bytes: dirSize(dir) };
}

async function folderIndexing(tmp, quick) {
  const folder = path.join(tmp, 'folder');
  const shape = buildFolder(folder, quick);
  log(`extraction: kho index over ${shape.files} files (no model: keyword only)`);
  const ours = await khoIndex(folder, path.join(tmp, 'kho-data'));
  const conf = path.join(tmp, 'recoll-conf');
  log('extraction: recollindex over the same folder');
  const recoll = await recollIndex(folder, conf);
  if (recoll.skipped) return { folder: shape, ours, recoll };
  const count = await run('recollq', ['-c', conf, '-b', '-n', '0', 'dir:/'], {});
  let missing = '';
  try {
    missing = readFileSync(path.join(conf, 'missing'), 'utf8').trim();
  } catch {
    /* none */
  }
  return { folder: shape, ours, recoll: { ...recoll, documents: count.stdout.split('\n').filter((l) => l.startsWith('file://')).length, missingHelpers: missing || null } };
}

/**
 * PDF pages/s: ours with pdf.js (the default), pdftotext, and ours with
 * pdftotext -raw -bbox as the text source (pdfTextSource 'poppler'), one after
 * the other on the same files. Also run alone: `node bench/lib/extract.mjs pdf [--quick]`.
 */
export async function pdfExtraction({ quick }) {
  const sets = fileSets(quick);
  const rounds = quick ? 1 : 2;
  log(`extraction: PDF, ours (pdf.js) vs pdftotext vs ours (poppler text source) (${sets.pdf.length} files, ${rounds} rounds)`);
  const ours = await child('extract-ours', { files: sets.pdf, ocr: false, rounds }, { timeoutMs: 1_800_000 });
  const peer = await pdftotext(sets.pdf, rounds);
  const poppler = which('pdftotext')
    ? await child('extract-ours', { files: sets.pdf, ocr: false, rounds, pdfTextSource: 'poppler' }, { timeoutMs: 1_800_000 })
    : { skipped: 'pdftotext missing (Debian: apt-get install poppler-utils)' };
  return { ours, peer, poppler };
}

export async function extraction({ quick }) {
  const sets = fileSets(quick);
  const rounds = quick ? 1 : 2;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kho-bench-extract-'));
  try {
    const pdf = await pdfExtraction({ quick });
    log(`extraction: DOCX/DOC, ours vs LibreOffice (${sets.docx.length} + ${sets.doc.length} files)`);
    const docxOurs = await child('extract-ours', { files: sets.docx, ocr: false, rounds }, { timeoutMs: 1_800_000 });
    const docOurs = await child('extract-ours', { files: sets.doc, ocr: false, rounds }, { timeoutMs: 1_800_000 });
    const noLo = { skipped: 'LibreOffice not run in bench:quick' };
    const docxPeer = quick ? noLo : await libreoffice(sets.docx, path.join(tmp, 'docx'));
    const docPeer = quick ? noLo : await libreoffice(sets.doc, path.join(tmp, 'doc'));
    const antiword = which('antiword') && sets.doc.length ? await perFile(sets.doc, rounds, (f) => [f], 'antiword') : { skipped: 'antiword missing (Debian: apt-get install antiword)' };
    let ocr = { skipped: quick ? 'not run in bench:quick' : 'no scanned PDFs' };
    if (sets.scans.length) {
      log(`extraction: OCR, ours vs tesseract (${sets.scans.length} scanned PDFs)`);
      ocr = { ours: await child('extract-ours', { files: sets.scans, ocr: true, rounds: 1 }, { timeoutMs: 3_600_000 }), peer: await tesseract(sets.scans, tmp) };
    }
    const folder = await folderIndexing(tmp, quick);
    return { pdf, docx: { ours: docxOurs, peer: docxPeer }, doc: { ours: docOurs, peer: docPeer, antiword }, ocr, folder };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// `node bench/lib/extract.mjs pdf [--quick]`: the PDF rows alone (needs a build in dist/), printed, no report written.
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === 'pdf') {
  const r = await pdfExtraction({ quick: process.argv.includes('--quick') });
  const rate = (x) => (x?.ms ? (r.ours.pages / (x.ms / 1000)) : null);
  const peer = rate(r.peer);
  const line = (what, x) => `${what.padEnd(34)} ${x?.ms ? `${rate(x).toFixed(1).padStart(6)} pages/s  ${peer ? `${(rate(x) / peer).toFixed(2)}× pdftotext` : ''}` : JSON.stringify(x)}`;
  console.log(`${r.ours.files} PDFs, ${r.ours.pages} pages, fastest of ${process.argv.includes('--quick') ? 1 : 2} rounds per file`);
  console.log(line('ours, pdf.js (default)', r.ours));
  console.log(line('pdftotext (peer, spawned per file)', r.peer));
  console.log(line('ours, poppler text source', r.poppler));
  if (r.ours.failed?.length || r.poppler.failed?.length) console.log('failed:', r.ours.failed, r.poppler.failed);
}
