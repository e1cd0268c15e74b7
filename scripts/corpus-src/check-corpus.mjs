#!/usr/bin/env node
// Checks the sample corpus and test/fixtures/corpus-facts.json.
//   node scripts/corpus-src/check-corpus.mjs           stats + fact verification
//   node scripts/corpus-src/check-corpus.mjs --find "cụm từ"   where does a phrase occur?
// Needs poppler-utils (pdftotext) and the mammoth dev install.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { loadSources } from '../make-corpus.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = path.join(ROOT, 'corpus');
const FACTS = path.join(ROOT, 'test', 'fixtures', 'corpus-facts.json');

const norm = (s) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
const fold = (s) => norm(s).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

async function extract(file) {
  const full = path.join(CORPUS, file);
  if (file.endsWith('.pdf')) {
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [full], { encoding: 'utf8' }))[1]);
    const pages = [];
    for (let i = 1; i <= n; i++) pages.push(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), full, '-'], { encoding: 'utf8' }));
    return { text: pages.join('\n'), pages };
  }
  if (file.endsWith('.docx')) {
    const raw = (await mammoth.extractRawText({ path: full })).value;
    const html = (await mammoth.convertToHtml({ path: full })).value;
    return { text: raw, html };
  }
  return { text: fs.readFileSync(full, 'utf8') };
}

// nearest heading above a phrase, from the renderer's source (pdf/docx) or the file itself (md/txt)
function sectionOf(file, phrase, sources) {
  const p = norm(phrase);
  const src = sources.find((s) => `${s.meta.out}.${s.meta.format}` === file);
  let last = null;
  if (src) {
    for (const b of src.blocks) {
      if (['h1', 'h2', 'h3'].includes(b.t)) last = b.text;
      const t = b.t === 'table' ? b.rows.flat().join(' ') : `${b.lead ? `${b.lead} ` : ''}${b.text ?? ''}`;
      if (norm(t).includes(p)) return last;
    }
    return undefined;
  }
  const isMd = file.endsWith('.md');
  // md: "##"-"####" headings ("#" is the document type line); txt: Roman-numbered top-level headings
  const headingRe = isMd ? /^#{2,6}\s+(.*)$/ : /^([IVX]+\.\s+\S.*)$/u;
  for (const line of fs.readFileSync(path.join(CORPUS, file), 'utf8').split('\n')) {
    const m = headingRe.exec(line.trim());
    if (m) last = m[1].trim();
    if (norm(line).includes(p)) return last;
  }
  return undefined;
}

async function main() {
  const files = fs.readdirSync(CORPUS).filter((f) => /\.(pdf|docx|txt|md)$/.test(f) && f !== 'README.md').sort();
  const docs = {};
  for (const f of files) docs[f] = await extract(f);
  const sources = loadSources();
  // corpus/README.md is not a test document, but an indexer may pick it up: facts must not match it
  const readme = norm(fs.readFileSync(path.join(CORPUS, 'README.md'), 'utf8'));

  const find = process.argv.indexOf('--find');
  if (find > 0) {
    const q = norm(process.argv[find + 1]);
    for (const f of files) {
      const d = docs[f];
      if (!norm(d.text).includes(q)) continue;
      const pages = d.pages ? d.pages.map((t, i) => (t.split('\n').some((l) => norm(l).includes(q)) ? i + 1 : null)).filter(Boolean) : [];
      console.log(`${f}${d.pages ? ` pages(on one line): ${pages.join(',') || '-'}` : ''}  section: ${sectionOf(f, process.argv[find + 1], sources)}`);
    }
    return;
  }

  let problems = 0;
  const bad = (msg) => { problems++; console.log(`  PROBLEM: ${msg}`); };
  console.log('file | pages | words | "đổi mới sáng tạo" | headings(h1/h2/h3)');
  let dmstDocs = 0;
  for (const f of files) {
    const d = docs[f];
    const words = d.text.split(/\s+/).filter(Boolean).length;
    const dmst = (norm(d.text).match(/đổi mới sáng tạo/g) ?? []).length;
    if (dmst) dmstDocs++;
    const h = d.html ? ['h1', 'h2', 'h3'].map((t) => (d.html.match(new RegExp(`<${t}>`, 'g')) ?? []).length).join('/') : '';
    console.log(`${f} | ${d.pages?.length ?? ''} | ${words} | ${dmst} | ${h}`);
    if (!/\.(pdf)$/.test(f) && d.text !== d.text.normalize('NFC')) bad(`${f} is not NFC`);
    if (fs.statSync(path.join(CORPUS, f)).size > 150 * 1024) bad(`${f} larger than 150 KB`);
  }
  console.log(`documents containing "đổi mới sáng tạo": ${dmstDocs}`);
  const all = norm(Object.values(docs).map((d) => d.text).join('\n'));
  for (const term of ['chuyển đổi số', 'chuyển giao công nghệ', 'khởi nghiệp', 'sở hữu trí tuệ', 'hợp tác xã', ' má,', ' mà ', ' mạ ', 'đội ', 'có hiệu lực kể từ ngày ký', 'có hiệu lực từ ngày 01/01/2025', 'quyết định này thay thế quyết định số', 'sửa đổi, bổ sung một số điều của quyết định số']) {
    if (!all.includes(norm(term))) bad(`term missing from corpus: ${term}`);
  }

  if (!fs.existsSync(FACTS)) return;
  const facts = JSON.parse(fs.readFileSync(FACTS, 'utf8'));
  console.log(`\nfacts: ${facts.length}`);
  let pdfLater = 0;
  for (const fact of facts) {
    const q = norm(fact.query);
    const where = files.filter((f) => norm(docs[f].text).includes(q));
    const label = `"${fact.query}" -> ${fact.file} p.${fact.page} [${fact.section}]`;
    const before = problems;
    if (where.length !== 1 || where[0] !== fact.file) { bad(`${label}: found in ${JSON.stringify(where)}`); continue; }
    if (readme.includes(q)) bad(`${label}: also in corpus/README.md`);
    const folded = files.filter((f) => fold(docs[f].text).includes(fold(fact.query)));
    if (folded.length !== 1) bad(`${label}: without diacritics also matches ${JSON.stringify(folded)}`);
    const words = fact.query.trim().split(/\s+/).length;
    if (words < 3 || words > 6) bad(`${label}: ${words} words`);
    const d = docs[fact.file];
    if (fact.file.endsWith('.pdf')) {
      const page = d.pages[fact.page - 1] ?? '';
      if (!page.split('\n').some((l) => norm(l).includes(q))) bad(`${label}: not on one line of page ${fact.page}`);
      const others = d.pages.map((t, i) => (i + 1 !== fact.page && norm(t).includes(q) ? i + 1 : null)).filter(Boolean);
      if (others.length) bad(`${label}: also on pages ${others}`);
      if (fact.page >= 2) pdfLater++;
    } else if (fact.page !== null) bad(`${label}: page must be null for non-PDF`);
    const sec = sectionOf(fact.file, fact.query, sources);
    if ((sec ?? null) !== fact.section) bad(`${label}: section is ${JSON.stringify(sec)}`);
    else if (problems === before) console.log(`  ok  ${label}`);
  }
  console.log(`PDF facts on page >= 2: ${pdfLater}`);
  if (problems) {
    console.log(`${problems} problem(s)`);
    process.exit(1);
  }
  console.log('all checks passed');
}

await main();
