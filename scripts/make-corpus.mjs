#!/usr/bin/env node
// Renders the sample corpus: every scripts/corpus-src/*.md source becomes a PDF (pdfkit)
// or a DOCX (docx) in corpus/. TXT and MD documents live directly in corpus/.
// Output is deterministic: re-running produces byte-identical files on the same machine.
//
//   node scripts/make-corpus.mjs            render everything
//   node scripts/make-corpus.mjs --check    render to a temp dir and compare with corpus/
//
// Source markup (one paragraph per line, blank lines ignored):
//   ---front matter---   out, format (pdf|docx), kind (policy|report), title, author, subject,
//                        keywords, date (YYYY-MM-DD), parent, issuer (lines split by " | "),
//                        number, place  -> the Decree 30/2020 two-column header
//   # X        document type line (QUYẾT ĐỊNH, BÁO CÁO...)  -> DOCX Title style
//   ## X       Chương / CHƯƠNG / I. heading                -> Heading 1 ("A | B" = two lines)
//   ### X      Điều / 1. heading                           -> Heading 2
//   #### X     1.1. heading                                -> Heading 3
//   ^! X       centred bold line        ^ X   centred line        ^_ X  centred italic line
//   ^!! X      centred bold, large (report title)
//   _ X        italic paragraph (Căn cứ ...)
//   ! X        bold paragraph, not indented
//   **A** B    paragraph whose lead-in A is bold
//   | a | b |  table row (first row = header)
//   ~          vertical space
//   \newpage   explicit page break
//   :::sign / :::sign2 ... :::   signature block; "< x" left column, "> x" right column
//                                 (sign: left = Nơi nhận list; sign2: two signer columns)
process.env.TZ = 'UTC';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import * as docx from 'docx';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC_DIR = path.join(ROOT, 'scripts', 'corpus-src');
const OUT_DIR = path.join(ROOT, 'corpus');

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
};

const MOTTO_1 = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_2 = 'Độc lập - Tự do - Hạnh phúc';

// ---------------------------------------------------------------------------
// Source parsing

export function parseSource(raw, name = '?') {
  const text = raw.normalize('NFC').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!fm) throw new Error(`${name}: missing front matter`);
  const meta = {};
  for (const line of fm[1].split('\n')) {
    const m = /^(\w+):\s*(.*)$/.exec(line);
    if (m) meta[m[1]] = m[2].trim();
  }
  for (const k of ['out', 'format', 'title', 'date']) {
    if (!meta[k]) throw new Error(`${name}: front matter needs "${k}"`);
  }
  meta.kind ??= 'policy';
  const blocks = [];
  const lines = text.slice(fm[0].length).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (!line.trim()) continue;
    let m;
    if (line === '\\newpage') blocks.push({ t: 'newpage' });
    else if (line === '~') blocks.push({ t: 'space' });
    else if ((m = /^:::(sign2?)\s*$/.exec(line))) {
      const b = { t: 'sign', two: m[1] === 'sign2', left: [], right: [] };
      for (i++; i < lines.length && lines[i].trim() !== ':::'; i++) {
        const l = lines[i].trimEnd();
        if (l.startsWith('<')) b.left.push(l.slice(1).trim());
        else if (l.startsWith('>')) b.right.push(l.slice(1).trim());
        else if (l.trim()) throw new Error(`${name}: bad line in sign block: ${l}`);
      }
      blocks.push(b);
    } else if (line.startsWith('|')) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) {
        rows.push(lines[i].trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
      }
      i--;
      blocks.push({ t: 'table', rows });
    } else if ((m = /^(#{1,4}) (.+)$/.exec(line))) {
      blocks.push({ t: ['title', 'h1', 'h2', 'h3'][m[1].length - 1], text: m[2].trim() });
    } else if ((m = /^\^(!!|!|_)? ?(.*)$/.exec(line))) {
      blocks.push({ t: 'center', bold: m[1] === '!' || m[1] === '!!', large: m[1] === '!!', italic: m[1] === '_', text: m[2].trim() });
    } else if (line.startsWith('_ ')) blocks.push({ t: 'p', italic: true, text: line.slice(2).trim() });
    else if (line.startsWith('! ')) blocks.push({ t: 'p', bold: true, noIndent: true, text: line.slice(2).trim() });
    else if ((m = /^\*\*(.+?)\*\*\s*(.*)$/.exec(line))) blocks.push({ t: 'p', lead: m[1], text: m[2] });
    else blocks.push({ t: 'p', text: line.trim() });
  }
  return { meta, blocks };
}

const splitLines = (s) => (s ? s.split('|').map((x) => x.trim()).filter(Boolean) : []);
const headingLines = (text) => text.split(' | ').map((x) => x.trim());
const isCentredH1 = (text) => /^(chương|phần|phụ lục)\b/iu.test(text) || text.includes(' | ');
const fixedDate = (meta) => new Date(`${meta.date}T08:00:00Z`);

// ---------------------------------------------------------------------------
// PDF rendering (pdfkit)

const MM = 72 / 25.4;
const PDF_MARGINS = { top: 20 * MM, bottom: 22 * MM, left: 30 * MM, right: 20 * MM };
const BODY_SIZE = 11.5;
const LINE_GAP = 2.5;
const PARA_GAP = 5;
const INDENT = 10 * MM;

function renderPdf(doc0) {
  const { meta, blocks } = doc0;
  const date = fixedDate(meta);
  const doc = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGINS,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author ?? '',
      Subject: meta.subject ?? meta.title,
      Keywords: meta.keywords ?? '',
      Creator: 'Kho Tri Thức sample corpus (scripts/make-corpus.mjs)',
      Producer: 'PDFKit',
      CreationDate: date,
      ModDate: date,
    },
  });
  doc.registerFont('R', FONTS.regular);
  doc.registerFont('B', FONTS.bold);
  doc.font('R').fontSize(BODY_SIZE);

  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const L = PDF_MARGINS.left;
  const W = doc.page.width - PDF_MARGINS.left - PDF_MARGINS.right;
  const bottom = () => doc.page.height - PDF_MARGINS.bottom;
  const atTop = () => doc.y <= PDF_MARGINS.top + 1;
  const ensure = (h) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  const lineH = (size = BODY_SIZE) => {
    doc.fontSize(size);
    return doc.currentLineHeight(true) + LINE_GAP;
  };
  const centred = (text, { font = 'R', size = BODY_SIZE, oblique = false, x = L, width = W, gap = 2 } = {}) => {
    doc.font(font).fontSize(size).text(text, x, doc.y, { width, align: 'center', lineGap: LINE_GAP, oblique: oblique ? 12 : false });
    doc.y += gap;
  };

  if (meta.issuer) drawGovHeader(doc, meta, L, W);

  for (const b of blocks) {
    switch (b.t) {
      case 'newpage':
        if (!atTop()) doc.addPage();
        break;
      case 'space':
        doc.y += BODY_SIZE * 0.8;
        break;
      case 'title':
        ensure(lineH(14) * 4);
        doc.y += 10;
        centred(b.text, { font: 'B', size: 14, gap: 3 });
        break;
      case 'center': {
        const size = b.large ? 15 : BODY_SIZE;
        if (b.large) ensure(lineH(size) * 3);
        centred(b.text, { font: b.bold ? 'B' : 'R', size, oblique: b.italic, gap: b.large ? 6 : 2 });
        break;
      }
      case 'h1': {
        const parts = headingLines(b.text);
        ensure(lineH(13) * (parts.length + 3));
        if (!atTop()) doc.y += 8;
        if (isCentredH1(b.text)) {
          for (const p of parts) centred(p, { font: 'B', size: 13, gap: 1 });
          doc.y += 5;
        } else {
          doc.font('B').fontSize(12.5).text(parts.join(' '), L, doc.y, { width: W, align: 'left', lineGap: LINE_GAP });
          doc.y += 4;
        }
        doc.outline.addItem(parts.join(' '));
        break;
      }
      case 'h2':
      case 'h3': {
        ensure(lineH() * 4);
        if (!atTop()) doc.y += 3;
        doc.font('B').fontSize(BODY_SIZE).text(b.text, L, doc.y, {
          width: W, align: 'left', lineGap: LINE_GAP, indent: meta.kind === 'policy' ? INDENT : 0,
          oblique: b.t === 'h3' ? 10 : false,
        });
        doc.y += PARA_GAP - 1;
        if (b.t === 'h2') doc.outline.addItem(b.text);
        break;
      }
      case 'p': {
        const opts = { width: W, lineGap: LINE_GAP, indent: b.noIndent ? 0 : INDENT };
        if (b.lead) {
          doc.font('B').fontSize(BODY_SIZE).text(`${b.lead} `, L, doc.y, { ...opts, align: 'left', continued: true });
          doc.font('R').text(b.text, { align: 'left', lineGap: LINE_GAP });
        } else {
          doc.font(b.bold ? 'B' : 'R').fontSize(BODY_SIZE).text(b.text, L, doc.y, {
            ...opts, align: 'justify', oblique: b.italic ? 12 : false,
          });
        }
        doc.y += PARA_GAP;
        break;
      }
      case 'table':
        drawTable(doc, b.rows, L, W);
        break;
      case 'sign':
        drawSign(doc, b, L, W, ensure);
        break;
      default:
        throw new Error(`unknown block ${b.t}`);
    }
  }

  // page numbers: bottom centre, from page 2 on (as usual for Vietnamese administrative documents)
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    if (i === 0) continue;
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('R').fontSize(10).text(String(i + 1), L, doc.page.height - 14 * MM, { width: W, align: 'center', lineBreak: false });
    doc.page.margins.bottom = saved;
  }
  doc.flushPages();
  doc.end();
  return done;
}

function drawGovHeader(doc, meta, L, W) {
  const leftW = W * 0.42;
  const rightX = L + leftW;
  const rightW = W - leftW;
  const top = doc.y;
  // left column: issuing body
  let y = top;
  const put = (text, x, w, font, size, oblique = false) => {
    doc.font(font).fontSize(size).text(text, x, y, { width: w, align: 'center', lineGap: 1, oblique: oblique ? 12 : false });
    y = doc.y;
  };
  for (const p of splitLines(meta.parent)) put(p, L, leftW, 'R', 11.5);
  const issuer = splitLines(meta.issuer);
  for (const p of issuer) put(p, L, leftW, 'B', 11.5);
  const lastW = Math.min(doc.font('B').fontSize(11.5).widthOfString(issuer[issuer.length - 1]), leftW) * 0.45;
  doc.moveTo(L + (leftW - lastW) / 2, y + 2).lineTo(L + (leftW + lastW) / 2, y + 2).lineWidth(0.6).stroke();
  const leftBottom = y + 8;
  // right column: national motto
  y = top;
  let mottoSize = 11.5;
  while (doc.font('B').fontSize(mottoSize).widthOfString(MOTTO_1) > rightW - 2) mottoSize -= 0.25;
  put(MOTTO_1, rightX, rightW, 'B', mottoSize);
  put(MOTTO_2, rightX, rightW, 'B', 12);
  const mW = doc.font('B').fontSize(12).widthOfString(MOTTO_2);
  doc.moveTo(rightX + (rightW - mW) / 2, y + 2).lineTo(rightX + (rightW + mW) / 2, y + 2).lineWidth(0.6).stroke();
  const rowY = Math.max(leftBottom, y + 8);
  y = rowY;
  if (meta.number) put(meta.number, L, leftW, 'R', 11.5);
  const afterNumber = y;
  y = rowY;
  if (meta.place) put(meta.place, rightX, rightW, 'R', 11.5, true);
  doc.x = L;
  doc.y = Math.max(afterNumber, y) + 10;
}

function drawTable(doc, rows, L, W) {
  const ncol = Math.max(...rows.map((r) => r.length));
  doc.y += 2;
  doc.font('R').fontSize(10.5);
  doc.table({
    position: { x: L, y: doc.y },
    maxWidth: W,
    defaultStyle: { padding: [3, 4], border: 0.6, borderColor: '#000000', align: { x: 'center', y: 'center' } },
    columnStyles: (i) => (i === 0 && ncol > 2 ? { align: { x: 'left', y: 'center' } } : {}),
    rowStyles: (i) => (i === 0 ? { font: { src: FONTS.bold }, backgroundColor: '#eeeeee' } : { font: { src: FONTS.regular } }),
    data: rows.map((r) => [...r, ...Array(ncol - r.length).fill('')]),
  });
  doc.font('R').fontSize(BODY_SIZE);
  doc.x = L;
  doc.y += 8;
}

function drawSign(doc, b, L, W, ensure) {
  const leftW = W * 0.45;
  const rightX = L + leftW;
  const rightW = W - leftW;
  const height = Math.max(b.left.length * 13, b.right.length * 16) + 20;
  ensure(height);
  doc.y += 8;
  const top = doc.y;
  let y = top;
  for (const [i, line] of b.left.entries()) {
    if (b.two) {
      doc.font(/^\(/.test(line) ? 'R' : 'B').fontSize(12).text(line || ' ', L, y, { width: leftW, align: 'center', lineGap: 3, oblique: /^\(/.test(line) ? 12 : false });
    } else if (i === 0) {
      doc.font('B').fontSize(11).text(line, L, y, { width: leftW, align: 'left', oblique: 12 });
    } else {
      doc.font('R').fontSize(10).text(line || ' ', L, y, { width: leftW, align: 'left', lineGap: 1 });
    }
    y = doc.y;
  }
  const leftBottom = y;
  y = top;
  for (const line of b.right) {
    const paren = /^\(/.test(line);
    doc.font(paren ? 'R' : 'B').fontSize(12).text(line || ' ', rightX, y, { width: rightW, align: 'center', lineGap: 3, oblique: paren ? 12 : false });
    y = doc.y;
  }
  doc.x = L;
  doc.y = Math.max(leftBottom, y) + 6;
}

// ---------------------------------------------------------------------------
// DOCX rendering (docx)

const {
  Document, Packer, Paragraph, TextRun, HeadingLevel, AlignmentType, Table, TableRow, TableCell,
  WidthType, BorderStyle, PageBreak, Footer, PageNumber, LineRuleType,
} = docx;

const TW_PER_MM = 56.6929;
const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
};

function docxHeading(level, text) {
  const parts = headingLines(text);
  const children = [];
  parts.forEach((p, i) => children.push(new TextRun({ text: p, break: i > 0 ? 1 : 0 })));
  const centred = level === HeadingLevel.TITLE || (level === HeadingLevel.HEADING_1 && isCentredH1(text));
  return new Paragraph({ heading: level, alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT, children });
}

const cp = (text, { bold = false, italics = false, size, align = AlignmentType.CENTER, after = 0 } = {}) =>
  new Paragraph({ alignment: align, spacing: { after, before: 0 }, children: [new TextRun({ text, bold, italics, size })] });

function docxGovHeader(meta) {
  const left = [
    ...splitLines(meta.parent).map((t) => cp(t, { size: 24 })),
    ...splitLines(meta.issuer).map((t) => cp(t, { bold: true, size: 24 })),
    cp('', { size: 12 }),
    cp(meta.number ?? '', { size: 24 }),
  ];
  const right = [
    cp(MOTTO_1, { bold: true, size: 24 }),
    cp(MOTTO_2, { bold: true, size: 26 }),
    cp('', { size: 12 }),
    cp(meta.place ?? '', { italics: true, size: 26 }),
  ];
  return twoColumns(left, right, 42);
}

function twoColumns(left, right, leftPct) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: left }),
          new TableCell({ width: { size: 100 - leftPct, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: right }),
        ],
      }),
    ],
  });
}

function docxTable(rows) {
  const ncol = Math.max(...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r, ri) => new TableRow({
      tableHeader: ri === 0,
      children: [...r, ...Array(ncol - r.length).fill('')].map((c, ci) => new TableCell({
        children: [cp(c, { bold: ri === 0, size: 22, align: ci === 0 && ncol > 2 ? AlignmentType.LEFT : AlignmentType.CENTER })],
      })),
    })),
  });
}

function docxSign(b) {
  const left = b.two
    ? b.left.map((t) => cp(t, { bold: !/^\(/.test(t), italics: /^\(/.test(t), size: 26 }))
    : b.left.map((t, i) => (i === 0
      ? cp(t, { bold: true, italics: true, size: 24, align: AlignmentType.LEFT })
      : cp(t, { size: 22, align: AlignmentType.LEFT })));
  const right = b.right.map((t) => cp(t, { bold: !/^\(/.test(t), italics: /^\(/.test(t), size: 26 }));
  return twoColumns(left.length ? left : [cp('')], right.length ? right : [cp('')], 45);
}

function docxChildren({ meta, blocks }) {
  const out = [];
  if (meta.issuer) out.push(docxGovHeader(meta));
  for (const b of blocks) {
    switch (b.t) {
      case 'newpage':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
      case 'space':
        out.push(new Paragraph({ children: [] }));
        break;
      case 'title':
        out.push(docxHeading(HeadingLevel.TITLE, b.text));
        break;
      case 'h1':
        out.push(docxHeading(HeadingLevel.HEADING_1, b.text));
        break;
      case 'h2':
        out.push(docxHeading(HeadingLevel.HEADING_2, b.text));
        break;
      case 'h3':
        out.push(docxHeading(HeadingLevel.HEADING_3, b.text));
        break;
      case 'center':
        out.push(cp(b.text, { bold: b.bold, italics: b.italic, size: b.large ? 32 : undefined, after: 60 }));
        break;
      case 'p': {
        const runs = [];
        if (b.lead) runs.push(new TextRun({ text: `${b.lead} `, bold: true }));
        runs.push(new TextRun({ text: b.text, bold: b.bold, italics: b.italic }));
        out.push(new Paragraph({
          alignment: AlignmentType.JUSTIFIED,
          indent: b.noIndent ? undefined : { firstLine: Math.round(10 * TW_PER_MM) },
          children: runs,
        }));
        break;
      }
      case 'table':
        out.push(docxTable(b.rows));
        out.push(new Paragraph({ children: [] }));
        break;
      case 'sign':
        out.push(docxSign(b));
        break;
      default:
        throw new Error(`unknown block ${b.t}`);
    }
  }
  return out;
}

async function renderDocx(doc0) {
  const { meta } = doc0;
  // docx stamps core properties (when the Document is built) and zip entries (when packed) with
  // "now", and may draw random ids: pin the clock to the document's own date and seed Math.random.
  return withFrozenClock(fixedDate(meta), meta.out, () => Packer.toBuffer(buildDocx(doc0)));
}

function buildDocx(doc0) {
  const { meta } = doc0;
  return new Document({
    creator: meta.author ?? 'Kho Tri Thức',
    lastModifiedBy: meta.author ?? 'Kho Tri Thức',
    title: meta.title,
    subject: meta.subject ?? meta.title,
    keywords: meta.keywords ?? '',
    description: 'Tài liệu mẫu do nhóm Kho Tri Thức soạn để kiểm thử (sample document written for testing).',
    revision: 1,
    styles: {
      default: {
        document: { run: { font: 'Times New Roman', size: 26 }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: 'Times New Roman', size: 30, bold: true, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 60 } } },
        heading1: { run: { font: 'Times New Roman', size: 27, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading2: { run: { font: 'Times New Roman', size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 80 }, keepNext: true } },
        heading3: { run: { font: 'Times New Roman', size: 26, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 100, after: 60 }, keepNext: true } },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: Math.round(210 * TW_PER_MM), height: Math.round(297 * TW_PER_MM) },
          margin: {
            top: Math.round(20 * TW_PER_MM), bottom: Math.round(20 * TW_PER_MM),
            left: Math.round(30 * TW_PER_MM), right: Math.round(20 * TW_PER_MM),
          },
        },
      },
      footers: {
        default: new Footer({
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })] })],
        }),
      },
      children: docxChildren(doc0),
    }],
  });
}

async function withFrozenClock(date, seed, fn) {
  const RealDate = globalThis.Date;
  const realRandom = Math.random;
  const fixed = date.getTime();
  class FrozenDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(fixed);
      else super(...args);
    }
    static now() {
      return fixed;
    }
  }
  let state = crypto.createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  globalThis.Date = FrozenDate;
  Math.random = () => {
    // xorshift32
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
    Math.random = realRandom;
  }
}

// ---------------------------------------------------------------------------

export function loadSources() {
  return fs.readdirSync(SRC_DIR)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => ({ src: f, ...parseSource(fs.readFileSync(path.join(SRC_DIR, f), 'utf8'), f) }));
}

async function main() {
  const check = process.argv.includes('--check');
  for (const f of Object.values(FONTS)) {
    if (!fs.existsSync(f)) {
      console.error(`Missing font ${f}. Install it with: apt-get install fonts-dejavu-core`);
      process.exit(1);
    }
  }
  const outDir = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-check-')) : OUT_DIR;
  fs.mkdirSync(outDir, { recursive: true });
  let bad = 0;
  for (const d of loadSources()) {
    const file = `${d.meta.out}.${d.meta.format}`;
    let buf;
    if (d.meta.format === 'pdf') buf = await renderPdf(d);
    else if (d.meta.format === 'docx') buf = await renderDocx(d);
    else throw new Error(`${d.src}: unknown format ${d.meta.format}`);
    fs.writeFileSync(path.join(outDir, file), buf);
    const sha = crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);
    if (check) {
      const existing = path.join(OUT_DIR, file);
      const same = fs.existsSync(existing) && fs.readFileSync(existing).equals(buf);
      if (!same) bad++;
      console.log(`${same ? 'same' : 'DIFF'}  ${file}`);
    } else {
      console.log(`${String(buf.length).padStart(7)}  ${sha}  corpus/${file}`);
    }
  }
  if (check) fs.rmSync(outDir, { recursive: true, force: true });
  if (bad) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
