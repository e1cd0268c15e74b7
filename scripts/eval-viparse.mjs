#!/usr/bin/env node
/**
 * Diacritic accuracy of our extraction + legacy-encoding conversion on the viparse
 * corpus: 96 real government documents (TCVN3, VNI; .doc .rtf .xls .pdf .ppt) against
 * their Unicode transcripts, with the metric of ../shared/data/viparse/METRIC.md,
 * implemented here from that definition:
 *
 * - both sides NFC, whitespace runs collapsed to one space, nothing else;
 * - the texts are cut into segments after sentence punctuation, the segment lists are
 *   aligned (difflib.SequenceMatcher, no autojunk), equal segments pair one to one and
 *   each changed region is joined and compared as one pair (regions over 4,000
 *   characters are cut proportionally);
 * - char_accuracy = matched characters / ground-truth length;
 * - diacritic_accuracy = diacritic-bearing ground-truth characters (anything with a
 *   combining mark under NFD, plus đ/Đ) recovered exactly, aligning base letters;
 * - syllable_accuracy = whitespace tokens matched / ground-truth tokens.
 *
 * `SequenceMatcher` below is a port of CPython's difflib algorithm (longest matching
 * block, recursively), so the numbers are comparable with the published ones.
 *
 *     npm run build && node scripts/eval-viparse.mjs [--filter NAME] [--dump DIR] [--json]
 *         [--uppercase-fonts] [--no-synthetic] [--min 0.95]
 *
 * --uppercase-fonts measures the option that draws `.VnTimeH` runs in capitals (off by
 * default): the transcripts keep such runs in the case they were typed, so it scores lower.
 *
 * Exits non-zero if any real document fails to read or scores below --min.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VIPARSE = path.resolve(ROOT, '..', 'shared', 'data', 'viparse');

// ---------------------------------------------------------------------------
// difflib.SequenceMatcher (autojunk=False, no junk), for arrays of comparable items
// ---------------------------------------------------------------------------

export class SequenceMatcher {
  constructor(a, b) {
    this.a = a;
    this.b = b;
    this.b2j = new Map();
    b.forEach((item, j) => {
      const list = this.b2j.get(item);
      if (list) list.push(j);
      else this.b2j.set(item, [j]);
    });
    this.blocks = null;
  }

  findLongestMatch(alo, ahi, blo, bhi) {
    const { a, b2j } = this;
    let besti = alo, bestj = blo, bestsize = 0;
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map();
      const js = b2j.get(a[i]);
      if (js) {
        for (const j of js) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j2len.get(j - 1) ?? 0) + 1;
          newj2len.set(j, k);
          if (k > bestsize) {
            besti = i - k + 1;
            bestj = j - k + 1;
            bestsize = k;
          }
        }
      }
      j2len = newj2len;
    }
    return [besti, bestj, bestsize];
  }

  getMatchingBlocks() {
    if (this.blocks) return this.blocks;
    const la = this.a.length, lb = this.b.length;
    const queue = [[0, la, 0, lb]];
    const found = [];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = this.findLongestMatch(alo, ahi, blo, bhi);
      if (k) {
        found.push([i, j, k]);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    const blocks = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of found) {
      if (i1 + k1 === i2 && j1 + k1 === j2) k1 += k2;
      else {
        if (k1) blocks.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) blocks.push([i1, j1, k1]);
    blocks.push([la, lb, 0]);
    return (this.blocks = blocks);
  }

  getOpcodes() {
    let i = 0, j = 0;
    const ops = [];
    for (const [ai, bj, size] of this.getMatchingBlocks()) {
      let tag = '';
      if (i < ai && j < bj) tag = 'replace';
      else if (i < ai) tag = 'delete';
      else if (j < bj) tag = 'insert';
      if (tag) ops.push([tag, i, ai, j, bj]);
      i = ai + size;
      j = bj + size;
      if (size) ops.push(['equal', ai, i, bj, j]);
    }
    return ops;
  }
}

// ---------------------------------------------------------------------------
// The metric (METRIC.md)
// ---------------------------------------------------------------------------

const chars = (s) => Array.from(s);
export const normalise = (text) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();
const baseLetters = (text) =>
  chars(text)
    .map((c) => (c === 'đ' ? 'd' : c === 'Đ' ? 'D' : c.normalize('NFD').replace(/\p{Mn}/gu, '')))
    .join('');
const isDiacriticBearing = (ch) => ch === 'đ' || ch === 'Đ' || /\p{Mn}/u.test(ch.normalize('NFD'));
const MAX_JOINED_REGION = 4000;
const segments = (text) => text.split(/(?<=[.;:!?])\s+/u);

function pairChangedRegion(predLines, truthLines) {
  const pred = predLines.join('\n'), truth = truthLines.join('\n');
  if (Math.max(chars(pred).length, chars(truth).length) <= MAX_JOINED_REGION) return [[pred, truth]];
  const p = chars(pred), t = chars(truth);
  const n = Math.max(1, Math.floor(t.length / MAX_JOINED_REGION) + 1);
  const ts = Math.max(1, Math.floor(t.length / n)), ps = Math.max(1, Math.floor(p.length / n));
  const out = [];
  for (let i = 0; i < n; i++) out.push([p.slice(i * ps, (i + 1) * ps).join(''), t.slice(i * ts, (i + 1) * ts).join('')]);
  return out;
}

function alignedPairs(pred, truth) {
  const truthLines = segments(truth), predLines = segments(pred);
  const pairs = [];
  for (const [tag, t1, t2, p1, p2] of new SequenceMatcher(truthLines, predLines).getOpcodes()) {
    if (tag === 'equal') for (let k = 0; k < t2 - t1; k++) pairs.push([predLines[p1 + k], truthLines[t1 + k]]);
    else pairs.push(...pairChangedRegion(predLines.slice(p1, p2), truthLines.slice(t1, t2)));
  }
  return pairs;
}

export function scorePair(predRaw, truthRaw) {
  const pred = normalise(predRaw), truth = normalise(truthRaw);
  const pairs = alignedPairs(pred, truth);
  let matched = 0, total = 0, correct = 0, tokMatched = 0;
  for (const [p, t] of pairs) {
    const tc = chars(t), pc = chars(p);
    const tTokens = t.split(/\s+/u).filter(Boolean);
    const dia = tc.filter(isDiacriticBearing).length;
    if (p === t) {
      matched += tc.length;
      total += dia;
      correct += dia;
      tokMatched += tTokens.length;
      continue;
    }
    for (const [, , size] of new SequenceMatcher(tc, pc).getMatchingBlocks()) matched += size;
    const aligned = new Map();
    for (const [ai, bj, size] of new SequenceMatcher(chars(baseLetters(t)), chars(baseLetters(p))).getMatchingBlocks()) {
      for (let o = 0; o < size; o++) aligned.set(ai + o, bj + o);
    }
    tc.forEach((ch, i) => {
      if (!isDiacriticBearing(ch)) return;
      total++;
      const j = aligned.get(i);
      if (j !== undefined && j < pc.length && pc[j] === ch) correct++;
    });
    if (tTokens.length) {
      for (const [, , size] of new SequenceMatcher(tTokens, p.split(/\s+/u).filter(Boolean)).getMatchingBlocks()) tokMatched += size;
    }
  }
  const truthLength = chars(truth).length;
  const truthTokens = truth.split(/\s+/u).filter(Boolean).length;
  return {
    char: truthLength ? matched / truthLength : pred ? 0 : 1,
    diacritic: total ? correct / total : null,
    syllable: truthTokens ? tokMatched / truthTokens : 1,
    truthChars: truthLength,
    diacriticPositions: total,
  };
}

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { filter: null, dump: null, json: false, uppercaseFonts: false, min: 0.95, synthetic: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--filter') args.filter = argv[++i];
    else if (a === '--dump') args.dump = argv[++i];
    else if (a === '--json') args.json = true;
    else if (a === '--uppercase-fonts') args.uppercaseFonts = true;
    else if (a === '--no-synthetic') args.synthetic = false;
    else if (a === '--min') args.min = Number(argv[++i]);
    else if (a === '--self-test') args.selfTest = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function selfTest() {
  // The checks METRIC.md's own harness runs, with the same sample.
  const correct = 'Báo cáo tài chính quý II năm 2026 của công ty.';
  const garbled = 'B¸o c¸o tµi chÝnh quý II n¨m 2026 cña c«ng ty.';
  const stripped = 'Bao cao tai chinh quy II nam 2026 cua cong ty.';
  const ok = [];
  ok.push(scorePair(correct, correct).diacritic === 1);
  ok.push(scorePair(stripped, correct).diacritic === 0 && scorePair(stripped, correct).char > 0.8);
  const g = scorePair(garbled, correct).diacritic;
  ok.push(g > 0 && g <= 0.2);
  const truthDoc = 'BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nSố : 837 / QĐ - BKH\n\nHà Nội, ngày 26 tháng 8 năm 2005\n\nCăn cứ Nghị định số 61; Căn cứ Quyết định 20; Theo đề nghị của Viện trưởng.';
  ok.push(scorePair(truthDoc.replace(/\n/g, ' ').replace('Số :', 'Số'), truthDoc).char >= 0.95);
  console.log(`metric self-test: ${ok.every(Boolean) ? 'pass' : 'FAIL'} (${ok.map((x) => (x ? 'ok' : 'FAIL')).join(' ')})`);
  return ok.every(Boolean);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!selfTest()) process.exit(1);
  if (args.selfTest) return;
  const entry = path.join(ROOT, 'dist', 'indexer', 'extract', 'index.js');
  if (!existsSync(entry)) {
    console.error('dist/ is missing: run `npm run build` (or `npx tsc -p tsconfig.json`) first');
    process.exit(2);
  }
  const { extractFile } = await import(pathToFileURL(entry).href);
  const options = { legacy: { uppercaseFonts: args.uppercaseFonts }, ocr: false };

  const run = async (label, corpusDirs, truthDir) => {
    const truths = readdirSync(truthDir).filter((f) => f.endsWith('.txt')).sort();
    const sources = new Map();
    for (const dir of corpusDirs) {
      for (const f of readdirSync(dir)) sources.set(f.replace(/\.[^.]+$/, ''), { file: path.join(dir, f), encoding: path.basename(dir) });
    }
    const rows = [];
    const failures = [];
    for (const t of truths) {
      const stem = t.replace(/\.txt$/, '');
      if (args.filter && !stem.includes(args.filter)) continue;
      const src = sources.get(stem);
      if (!src) {
        failures.push({ document: stem, reason: 'no source file' });
        continue;
      }
      const started = performance.now();
      let text;
      try {
        const doc = await extractFile(src.file, readFileSync(src.file), options);
        text = doc.blocks.map((b) => b.text).join('\n');
      } catch (error) {
        failures.push({ document: stem, reason: `${error.kind ?? 'error'}: ${error.message}` });
        continue;
      }
      const ms = performance.now() - started;
      if (args.dump) {
        mkdirSync(args.dump, { recursive: true });
        writeFileSync(path.join(args.dump, `${stem}.txt`), text + '\n');
      }
      const s = scorePair(text, readFileSync(path.join(truthDir, t), 'utf8'));
      rows.push({ document: stem, encoding: src.encoding, format: path.extname(src.file).slice(1), ...s, ms });
    }
    return { label, rows, failures };
  };

  const pd = path.join(VIPARSE, 'corpus', 'public-domain');
  const real = await run(
    'public-domain (real documents)',
    readdirSync(pd).map((d) => path.join(pd, d)),
    path.join(VIPARSE, 'ground-truth'),
  );
  const synthetic = args.synthetic && !args.filter
    ? await run('synthetic (VNI re-encoded .docx; secondary, self-consistency only)', [path.join(VIPARSE, 'corpus', 'synthetic')], path.join(VIPARSE, 'ground-truth-synthetic'))
    : null;

  const summarise = ({ rows, failures }) => {
    const dia = rows.filter((r) => r.diacritic !== null);
    const mean = dia.reduce((s, r) => s + r.diacritic, 0) / (dia.length || 1);
    const weighted = dia.reduce((s, r) => s + r.diacritic * r.diacriticPositions, 0) / (dia.reduce((s, r) => s + r.diacriticPositions, 0) || 1);
    const chars = rows.reduce((s, r) => s + r.truthChars, 0) || 1;
    const perEncoding = {};
    for (const r of rows) perEncoding[r.encoding] = (perEncoding[r.encoding] ?? 0) + 1;
    const perFormat = {};
    for (const r of rows) perFormat[r.format] = (perFormat[r.format] ?? 0) + 1;
    return {
      documents: rows.length,
      failures: failures.length,
      perEncoding,
      perFormat,
      diacriticMean: mean,
      diacriticWeighted: weighted,
      diacriticMin: dia.length ? Math.min(...dia.map((r) => r.diacritic)) : null,
      below095: dia.filter((r) => r.diacritic < 0.95).map((r) => r.document),
      charWeighted: rows.reduce((s, r) => s + r.char * r.truthChars, 0) / chars,
      syllableWeighted: rows.reduce((s, r) => s + r.syllable * r.truthChars, 0) / chars,
    };
  };

  const report = [real, synthetic].filter(Boolean).map((set) => ({ ...set, summary: summarise(set) }));
  if (args.json) {
    console.log(JSON.stringify({ date: new Date().toISOString(), node: process.version, options, sets: report }, null, 2));
  } else {
    const f = (x) => (x === null || x === undefined ? '  n/a' : x.toFixed(4));
    for (const set of report) {
      console.log(`\n## ${set.label}\n`);
      console.log('| document | enc | fmt | char | diacritic | syllable | dia. chars | ms |');
      console.log('|---|---|---|---:|---:|---:|---:|---:|');
      for (const r of set.rows) {
        console.log(`| ${r.document} | ${r.encoding} | ${r.format} | ${f(r.char)} | ${f(r.diacritic)} | ${f(r.syllable)} | ${r.diacriticPositions} | ${Math.round(r.ms)} |`);
      }
      for (const x of set.failures) console.log(`| ${x.document} | FAILED: ${x.reason} |||||||`);
      const s = set.summary;
      console.log(
        `\n${s.documents} documents (${Object.entries(s.perEncoding).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
          `${Object.entries(s.perFormat).map(([k, v]) => `.${k} ${v}`).join(', ')}), ${s.failures} failed`,
      );
      console.log(
        `diacritic accuracy: mean ${f(s.diacriticMean)}, weighted ${f(s.diacriticWeighted)}, min ${f(s.diacriticMin)}; ` +
          `below 0.95: ${s.below095.length ? s.below095.join(', ') : 'none'}`,
      );
      console.log(`char accuracy (weighted) ${f(s.charWeighted)}, syllable accuracy (weighted) ${f(s.syllableWeighted)}`);
    }
  }
  const realSummary = report[0].summary;
  const bad = realSummary.failures > 0 || (realSummary.diacriticMin ?? 0) < args.min;
  process.exit(bad ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main().catch((error) => {
  console.error(error);
  process.exit(2);
});
